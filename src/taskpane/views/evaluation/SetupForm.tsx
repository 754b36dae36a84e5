import * as React from "react";
import { Button, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import {
  defaultDescriptors,
  GROUP_LABELS,
  GROUPS,
  SCALE_MAXIMA,
  type EvaluationDraft,
} from "../../../domain/evaluation/setup";
import type { Problem } from "../../../domain/kernel/problem";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: "6px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: "4px",
    padding: "8px",
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: "0 4px" },
  row: { display: "flex", gap: "4px", alignItems: "flex-end", flexWrap: "wrap" },
  grow: { flexGrow: 1, minWidth: "120px" },
  small: { width: "80px" },
  group: { width: "130px" },
});

type Props = {
  draft: EvaluationDraft;
  onChange: (d: EvaluationDraft) => void;
  problems: Problem[];
};

/** One part of the form: the draft, a way to change it, and the message for a field. */
type PartProps = {
  draft: EvaluationDraft;
  set: (patch: Partial<EvaluationDraft>) => void;
  problemFor: (field: string) => string | undefined;
};
const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));

function CriteriaFields({ draft, set, problemFor }: PartProps) {
  const s = useStyles();
  const setCrit = (i: number, patch: Partial<EvaluationDraft["criteria"][number]>) =>
    set({ criteria: draft.criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <fieldset className={s.section}>
      <legend className={s.legend}>Criteria</legend>
      {draft.criteria.map((c, i) => {
        const n = i + 1;
        return (
          <div className={s.row} key={i} role="group" aria-label={`Criterion ${n}`}>
            <Field
              className={s.grow}
              label={`Criterion ${n} name`}
              validationMessage={problemFor(`criteria.${i}.name`)}
            >
              <Input value={c.name} onChange={(_, d) => setCrit(i, { name: d.value })} />
            </Field>
            <Field
              className={s.group}
              label={`Criterion ${n} group`}
              validationMessage={problemFor(`criteria.${i}.group`)}
            >
              <Select value={c.group} onChange={(_, d) => setCrit(i, { group: d.value })}>
                {GROUPS.map((g) => (
                  <option key={g} value={g}>
                    {GROUP_LABELS[g]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              className={s.small}
              label={`Criterion ${n} weight (%)`}
              validationMessage={problemFor(`criteria.${i}.weight`)}
            >
              <Input
                inputMode="decimal"
                value={str(c.weight)}
                onChange={(_, d) => setCrit(i, { weight: d.value })}
              />
            </Field>
            <Field
              className={s.small}
              label={`Criterion ${n} minimum score`}
              validationMessage={problemFor(`criteria.${i}.minimum`)}
            >
              <Input
                inputMode="numeric"
                value={str(c.minimum)}
                disabled={c.group === "price"}
                onChange={(_, d) => setCrit(i, { minimum: d.value })}
              />
            </Field>
            <Button
              aria-label={`Remove criterion ${n}`}
              onClick={() => set({ criteria: draft.criteria.filter((_, j) => j !== i) })}
            >
              Remove
            </Button>
          </div>
        );
      })}
      <div className={s.row}>
        <Button
          onClick={() =>
            set({
              criteria: [
                ...draft.criteria,
                { name: "", group: "quality", weight: "", minimum: "" },
              ],
            })
          }
        >
          Add criterion
        </Button>
      </div>
    </fieldset>
  );
}

function ScaleFields({ draft, set, problemFor }: PartProps) {
  const s = useStyles();
  const scaleMax = Number(draft.scaleMax);
  return (
    <fieldset className={s.section}>
      <legend className={s.legend}>Scoring scale</legend>
      <Field label="Scale" validationMessage={problemFor("scaleMax")}>
        <Select
          value={str(draft.scaleMax)}
          onChange={(_, d) =>
            set({ scaleMax: Number(d.value), descriptors: defaultDescriptors(Number(d.value)) })
          }
        >
          {SCALE_MAXIMA.map((m) => (
            <option key={m} value={String(m)}>{`0 to ${m}`}</option>
          ))}
        </Select>
      </Field>
      {draft.descriptors.map((d, i) => (
        <Field
          key={i}
          label={`Descriptor for score ${i}`}
          validationMessage={problemFor(`descriptors.${i}`)}
          orientation="horizontal"
        >
          <Input
            value={d}
            onChange={(_, v) =>
              set({ descriptors: draft.descriptors.map((x, j) => (j === i ? v.value : x)) })
            }
          />
        </Field>
      ))}
      {problemFor("descriptors") && (
        <Field validationMessage={problemFor("descriptors")}>
          <span />
        </Field>
      )}
      {Number.isFinite(scaleMax) && draft.descriptors.length !== scaleMax + 1 && (
        <Button onClick={() => set({ descriptors: defaultDescriptors(scaleMax) })}>
          Reset descriptors
        </Button>
      )}
    </fieldset>
  );
}

function BidderFields({ draft, set, problemFor }: PartProps) {
  const s = useStyles();
  const setBidder = (i: number, patch: Partial<EvaluationDraft["bidders"][number]>) =>
    set({ bidders: draft.bidders.map((b, j) => (j === i ? { ...b, ...patch } : b)) });
  return (
    <fieldset className={s.section}>
      <legend className={s.legend}>Bidders</legend>
      {draft.bidders.map((b, i) => {
        const n = i + 1;
        return (
          <div className={s.row} key={i} role="group" aria-label={`Bidder ${n}`}>
            <Field
              className={s.grow}
              label={`Bidder ${n} name`}
              validationMessage={problemFor(`bidders.${i}.name`)}
            >
              <Input value={b.name} onChange={(_, d) => setBidder(i, { name: d.value })} />
            </Field>
            <Field
              className={s.group}
              label={`Bidder ${n} price (£)`}
              validationMessage={problemFor(`bidders.${i}.price`)}
            >
              <Input
                inputMode="decimal"
                value={str(b.price)}
                onChange={(_, d) => setBidder(i, { price: d.value })}
              />
            </Field>
            <Button
              aria-label={`Remove bidder ${n}`}
              onClick={() => set({ bidders: draft.bidders.filter((_, j) => j !== i) })}
            >
              Remove
            </Button>
          </div>
        );
      })}
      <div className={s.row}>
        <Button onClick={() => set({ bidders: [...draft.bidders, { name: "", price: "" }] })}>
          Add bidder
        </Button>
      </div>
    </fieldset>
  );
}

function PanelFields({ draft, set, problemFor }: PartProps) {
  const s = useStyles();
  return (
    <fieldset className={s.section}>
      <legend className={s.legend}>Panel</legend>
      {draft.evaluators.map((e, i) => (
        <div className={s.row} key={i}>
          <Field
            className={s.grow}
            label={`Panel member ${i + 1}`}
            validationMessage={problemFor(`evaluators.${i}`)}
          >
            <Input
              value={e}
              onChange={(_, d) =>
                set({ evaluators: draft.evaluators.map((x, j) => (j === i ? d.value : x)) })
              }
            />
          </Field>
          <Button
            aria-label={`Remove panel member ${i + 1}`}
            onClick={() => set({ evaluators: draft.evaluators.filter((_, j) => j !== i) })}
          >
            Remove
          </Button>
        </div>
      ))}
      <div className={s.row}>
        <Button onClick={() => set({ evaluators: [...draft.evaluators, ""] })}>
          Add panel member
        </Button>
      </div>
    </fieldset>
  );
}

function MethodFields({ draft, set, problemFor }: PartProps) {
  const s = useStyles();
  return (
    <fieldset className={s.section}>
      <legend className={s.legend}>Method</legend>
      <Field label="Price method" validationMessage={problemFor("priceMethod")}>
        <Select value={draft.priceMethod} onChange={(_, d) => set({ priceMethod: d.value })}>
          <option value="lowest">Lowest price / bid price</option>
          <option value="deviation">Deviation from the lowest price</option>
        </Select>
      </Field>
      <Field
        label="Discuss when scores are more than this many points apart"
        validationMessage={problemFor("spreadLimit")}
      >
        <Input
          inputMode="decimal"
          value={str(draft.spreadLimit)}
          onChange={(_, d) => set({ spreadLimit: d.value })}
        />
      </Field>
      <Field
        label="Minimum quality threshold (% of quality and social value marks; 0 for none)"
        validationMessage={problemFor("qualityThreshold")}
      >
        <Input
          inputMode="decimal"
          value={str(draft.qualityThreshold)}
          onChange={(_, d) => set({ qualityThreshold: d.value })}
        />
      </Field>
    </fieldset>
  );
}

/**
 * The tender setup: criteria (group, weight, minimum), scale and descriptors, bidders with prices,
 * panel members, price method, spread limit and quality threshold. Every control is labelled, and
 * each shows its own problem.
 */
export function SetupForm({ draft, onChange, problems }: Props) {
  const set = (patch: Partial<EvaluationDraft>) => onChange({ ...draft, ...patch });
  const problemFor = (field: string) => problems.find((p) => p.field === field)?.message;
  const part = { draft, set, problemFor };
  return (
    <>
      <Field label="Tender name" validationMessage={problemFor("tenderName")}>
        <Input value={draft.tenderName} onChange={(_, d) => set({ tenderName: d.value })} />
      </Field>
      <CriteriaFields {...part} />
      <ScaleFields {...part} />
      <BidderFields {...part} />
      <PanelFields {...part} />
      <MethodFields {...part} />
    </>
  );
}

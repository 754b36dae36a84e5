import * as React from "react";
import { Button, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import {
  defaultDescriptors,
  GROUP_LABELS,
  GROUPS,
  PRICE_METHOD_LABELS,
  SCALE_MAXIMA,
  TIE_BREAK_LABELS,
  type EvaluationDraft,
  type EvaluationPriceMethod,
  type TieBreak,
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
  // One entry (a criterion, a bidder, a member) as a card: fields on a grid that shrinks with
  // the pane (320-350 px in Excel), and its Remove button on a line of its own, never under an
  // input.
  card: {
    display: "grid",
    gridTemplateColumns: "repeat(3, minmax(0, 1fr))",
    gap: "4px 6px",
    paddingBottom: "6px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  whole: { gridColumn: "1 / -1", minWidth: 0 },
  cell: { minWidth: 0 },
  fill: { width: "100%", minWidth: 0 },
  remove: { gridColumn: "1 / -1", justifySelf: "end" },
  grow: { flexGrow: 1, minWidth: 0 },
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
          <div className={s.card} key={i} role="group" aria-label={`Criterion ${n}`}>
            <Field
              className={s.whole}
              label={`Criterion ${n} name`}
              validationMessage={problemFor(`criteria.${i}.name`)}
            >
              <Input
                className={s.fill}
                value={c.name}
                onChange={(_, d) => setCrit(i, { name: d.value })}
              />
            </Field>
            <Field
              className={s.cell}
              label={`Criterion ${n} group`}
              validationMessage={problemFor(`criteria.${i}.group`)}
            >
              <Select
                className={s.fill}
                value={c.group}
                onChange={(_, d) => setCrit(i, { group: d.value })}
              >
                {GROUPS.map((g) => (
                  <option key={g} value={g}>
                    {GROUP_LABELS[g]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              className={s.cell}
              label={`Criterion ${n} weight (%)`}
              validationMessage={problemFor(`criteria.${i}.weight`)}
            >
              <Input
                className={s.fill}
                inputMode="decimal"
                value={str(c.weight)}
                onChange={(_, d) => setCrit(i, { weight: d.value })}
              />
            </Field>
            <Field
              className={s.cell}
              label={`Criterion ${n} minimum score`}
              validationMessage={problemFor(`criteria.${i}.minimum`)}
            >
              <Input
                className={s.fill}
                inputMode="numeric"
                value={str(c.minimum)}
                disabled={c.group === "price"}
                onChange={(_, d) => setCrit(i, { minimum: d.value })}
              />
            </Field>
            <Button
              className={s.remove}
              size="small"
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
          <div className={s.card} key={i} role="group" aria-label={`Bidder ${n}`}>
            <Field
              className={s.whole}
              label={`Bidder ${n} name`}
              validationMessage={problemFor(`bidders.${i}.name`)}
            >
              <Input
                className={s.fill}
                value={b.name}
                onChange={(_, d) => setBidder(i, { name: d.value })}
              />
            </Field>
            <Field
              className={s.whole}
              label={`Bidder ${n} price (£)`}
              validationMessage={problemFor(`bidders.${i}.price`)}
            >
              <Input
                className={s.fill}
                inputMode="decimal"
                value={str(b.price)}
                onChange={(_, d) => setBidder(i, { price: d.value })}
              />
            </Field>
            <Field
              className={s.whole}
              label={`Bidder ${n} full cost (£, optional)`}
              hint="From the bidder's cost recovery sheet: a price below it is flagged"
              validationMessage={problemFor(`bidders.${i}.fullCost`)}
            >
              <Input
                className={s.fill}
                inputMode="decimal"
                value={str(b.fullCost)}
                onChange={(_, d) => setBidder(i, { fullCost: d.value })}
              />
            </Field>
            <Button
              className={s.remove}
              size="small"
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
  const assignments = draft.evaluators.map((_, i) => draft.assignments?.[i] ?? "");
  const remove = (i: number) =>
    set({
      evaluators: draft.evaluators.filter((_, j) => j !== i),
      assignments: assignments.filter((_, j) => j !== i),
    });
  return (
    <fieldset className={s.section}>
      <legend className={s.legend}>Panel</legend>
      {draft.evaluators.map((e, i) => (
        <div
          className={s.card}
          key={i}
          role="group"
          aria-label={`Panel member ${i + 1} and what they score`}
        >
          <Field
            className={s.whole}
            label={`Panel member ${i + 1}`}
            validationMessage={problemFor(`evaluators.${i}`)}
          >
            <Input
              className={s.fill}
              value={e}
              onChange={(_, d) =>
                set({ evaluators: draft.evaluators.map((x, j) => (j === i ? d.value : x)) })
              }
            />
          </Field>
          <Field
            className={s.whole}
            label={`Member ${i + 1} scores`}
            hint="Criteria or groups, separated by semicolons; blank for every criterion"
            validationMessage={problemFor(`assignments.${i}`)}
          >
            <Input
              className={s.fill}
              value={assignments[i]}
              onChange={(_, d) =>
                set({ assignments: assignments.map((x, j) => (j === i ? d.value : x)) })
              }
            />
          </Field>
          <Button
            className={s.remove}
            size="small"
            aria-label={`Remove panel member ${i + 1}`}
            onClick={() => remove(i)}
          >
            Remove
          </Button>
        </div>
      ))}
      {problemFor("assignments") && (
        <Field validationMessage={problemFor("assignments")}>
          <span />
        </Field>
      )}
      <div className={s.row}>
        <Button
          onClick={() =>
            set({ evaluators: [...draft.evaluators, ""], assignments: [...assignments, ""] })
          }
        >
          Add panel member
        </Button>
      </div>
      <Field
        label="Independent scores each bid needs per criterion (blank: 2)"
        validationMessage={problemFor("minIndependentScores")}
      >
        <Input
          inputMode="numeric"
          value={str(draft.minIndependentScores)}
          onChange={(_, d) => set({ minIndependentScores: d.value })}
        />
      </Field>
    </fieldset>
  );
}

function GatewayFields({ draft, set, problemFor }: PartProps) {
  const s = useStyles();
  const questions = draft.gateway ?? [];
  return (
    <fieldset className={s.section}>
      <legend className={s.legend}>Gateway (pass or fail before scoring)</legend>
      {questions.map((q, i) => (
        <div className={s.card} key={i} role="group" aria-label={`Gateway question ${i + 1}`}>
          <Field
            className={s.whole}
            label={`Gateway question ${i + 1}`}
            validationMessage={problemFor(`gateway.${i}`)}
          >
            <Input
              className={s.fill}
              value={q}
              onChange={(_, d) =>
                set({ gateway: questions.map((x, j) => (j === i ? d.value : x)) })
              }
            />
          </Field>
          <Button
            className={s.remove}
            size="small"
            aria-label={`Remove gateway question ${i + 1}`}
            onClick={() => set({ gateway: questions.filter((_, j) => j !== i) })}
          >
            Remove
          </Button>
        </div>
      ))}
      <div className={s.row}>
        <Button onClick={() => set({ gateway: [...questions, ""] })}>Add gateway question</Button>
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
          {(Object.keys(PRICE_METHOD_LABELS) as EvaluationPriceMethod[]).map((m) => (
            <option key={m} value={m}>
              {PRICE_METHOD_LABELS[m]}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Tie-break (published with the method)"
        validationMessage={problemFor("tieBreak")}
      >
        <Select
          value={str(draft.tieBreak) || "none"}
          onChange={(_, d) => set({ tieBreak: d.value })}
        >
          {(Object.keys(TIE_BREAK_LABELS) as TieBreak[]).map((t) => (
            <option key={t} value={t}>
              {TIE_BREAK_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Flag a price below this % of the mean price (0 for no check)"
        validationMessage={problemFor("abnormallyLowPercent")}
      >
        <Input
          inputMode="decimal"
          value={str(draft.abnormallyLowPercent)}
          onChange={(_, d) => set({ abnormallyLowPercent: d.value })}
        />
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
      <GatewayFields {...part} />
      <MethodFields {...part} />
    </>
  );
}

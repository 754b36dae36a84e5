import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  FLAG_CODES,
  FLAG_NOTES,
  FLAG_SOURCES,
  FUNDING_TYPES,
  MODES,
  type Mode,
} from "../../../domain/classification/classify";
import { formatPounds } from "../../../domain/kernel/money";
import {
  modePercentTenths,
  tenthsText,
  type RegisterSummary,
  type Totals,
} from "../../../domain/classification/summary";
import { REGISTER_FLAG_NOTES } from "../../../domain/classification/register";
import type { QualityFinding } from "../../../domain/classification/quality";
import { readableSources } from "../../../domain/classification/sources";
import type { Reconciliation } from "../../../excel/register";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "8px", marginTop: "12px" },
  heading: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: "8px 0 0",
  },
  list: { margin: 0, paddingLeft: "16px", display: "flex", flexDirection: "column", gap: "4px" },
  rows: { display: "flex", flexWrap: "wrap", gap: "2px", alignItems: "center" },
  num: { textAlign: "right" },
  source: { color: tokens.colorNeutralForeground3 },
});

export type ResultSummaryProps = {
  summary: RegisterSummary;
  summarySheet: string;
  usedFormulas: boolean;
  reconciliation: Reconciliation;
  quality?: QualityFinding[];
  onJump: (row: number) => void;
};

/** Row buttons shown per flag or finding; the rest are counted. */
const ROWS_SHOWN = 20;
/** Groups shown in the mix by department or programme. */
const GROUPS_SHOWN = 30;

/** Go-to buttons for the rows of a flag or finding. */
function RowButtons({
  rows,
  count,
  onJump,
}: {
  rows: number[];
  count: number;
  onJump: (row: number) => void;
}) {
  const s = useStyles();
  return (
    <span className={s.rows}>
      {rows.slice(0, ROWS_SHOWN).map((r) => (
        <Button
          key={r}
          size="small"
          appearance="subtle"
          onClick={() => onJump(r)}
          aria-label={`Go to row ${r}`}
        >
          Row {r}
        </Button>
      ))}
      {count > ROWS_SHOWN && <Text>and {count - ROWS_SHOWN} more</Text>}
    </span>
  );
}

/** A mix as "Shopping 57.1% · Investing 0.0% · Giving 42.9%", adding to 100.0%. */
function mixText(byMode: Record<Mode, Totals>): string {
  const t = modePercentTenths(byMode);
  return MODES.map((m) => `${m} ${tenthsText(t[m])}`).join(" · ");
}

/** The mix of each financial year, or each group, as a table. */
function MixTable({
  label,
  first,
  rows,
}: {
  label: string;
  first: string;
  rows: { name: string; byMode: Record<Mode, Totals>; total: Totals }[];
}) {
  const s = useStyles();
  return (
    <Table size="small" aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{first}</TableHeaderCell>
          <TableHeaderCell>Value</TableHeaderCell>
          <TableHeaderCell>Mix</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.name}>
            <TableCell>{r.name}</TableCell>
            <TableCell className={s.num}>{formatPounds(r.total.pence)}</TableCell>
            <TableCell>{mixText(r.byMode)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Each flag raised, in words, with its source and its rows to go to. */
function FlagsList({
  summary,
  onJump,
}: {
  summary: RegisterSummary;
  onJump: (row: number) => void;
}) {
  const s = useStyles();
  const flagged = FLAG_CODES.filter((f) => summary.flags[f] > 0);
  const regrants = summary.registerFlags.regrant;
  return (
    <>
      <h3 className={s.heading}>Flags</h3>
      {flagged.length === 0 && regrants.count === 0 ? (
        <Text>No rows flagged.</Text>
      ) : (
        <ul className={s.list} aria-label="Flags raised">
          {flagged.map((f) => (
            <li key={f}>
              <Text weight="semibold">
                {f}: {summary.flags[f]} row{summary.flags[f] === 1 ? "" : "s"}
              </Text>{" "}
              <Text>{FLAG_NOTES[f]}</Text>{" "}
              <Text size={200} className={s.source}>
                Source: {readableSources(FLAG_SOURCES[f])}.
              </Text>
              <RowButtons rows={summary.flagRows[f]} count={summary.flags[f]} onJump={onJump} />
            </li>
          ))}
          {regrants.count > 0 && (
            <li>
              <Text weight="semibold">
                regrant: {regrants.count} row{regrants.count === 1 ? "" : "s"}
              </Text>{" "}
              <Text>{REGISTER_FLAG_NOTES.regrant}</Text>
              <RowButtons rows={regrants.rows} count={regrants.count} onJump={onJump} />
            </li>
          )}
        </ul>
      )}
    </>
  );
}

/** The checks on the data that found something, each with its rows to go to. */
function QualityList({
  quality,
  onJump,
}: {
  quality: QualityFinding[];
  onJump: (row: number) => void;
}) {
  const s = useStyles();
  if (quality.length === 0) return null;
  return (
    <>
      <h3 className={s.heading}>Checks on the data</h3>
      <ul className={s.list} aria-label="Checks on the data">
        {quality.map((q) => (
          <li key={q.check}>
            <Text weight="semibold">
              {q.title}: {q.count} row{q.count === 1 ? "" : "s"}.
            </Text>{" "}
            <Text>{q.advice}</Text>
            <RowButtons rows={q.rows} count={q.count} onJump={onJump} />
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * What the classification found: counts and totals per type, the mix overall, by financial year
 * and by group, the flags and data-quality findings with their rows, and the rows to fix. It
 * scrolls itself into view and takes the focus when it appears, so the result is announced.
 */
export function ResultSummary({
  summary,
  summarySheet,
  usedFormulas,
  reconciliation,
  quality = [],
  onJump,
}: ResultSummaryProps) {
  const s = useStyles();
  const top = React.useRef<HTMLHeadingElement>(null);
  React.useEffect(() => {
    top.current?.scrollIntoView?.({ block: "start" });
    top.current?.focus();
  }, [summary]);
  const years = summary.byYear.filter((y) => y.total.count > 0);
  return (
    <section className={s.section} aria-label="Classification result">
      <h2 className={s.heading} ref={top} tabIndex={-1}>
        Result
      </h2>
      <MessageBar intent={reconciliation.ok ? "success" : "warning"} role="status">
        <MessageBarBody>
          {summary.classified} rows classified
          {summary.unclassified.length
            ? `, ${summary.unclassified.length} could not be classified`
            : ""}
          {summary.excluded.count
            ? `, ${summary.excluded.count} grants to individuals counted apart`
            : ""}
          . Summary written to the &quot;{summarySheet}&quot; sheet
          {usedFormulas ? " as live formulas" : " as values"};{" "}
          {reconciliation.ok
            ? `its ${reconciliation.checked} figures reconcile with the register to the penny.`
            : `${reconciliation.mismatches.length} figures do not reconcile: ${reconciliation.mismatches.slice(0, 3).join("; ")}`}
        </MessageBarBody>
      </MessageBar>
      {summary.inferred > 0 && (
        <Text>Outputs inferred from the label on {summary.inferred} rows (noted on each row).</Text>
      )}

      <h3 className={s.heading}>By funding type</h3>
      <Table size="small" aria-label="Rows and value by funding type">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Funding type</TableHeaderCell>
            <TableHeaderCell>Rows</TableHeaderCell>
            <TableHeaderCell>Value</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {FUNDING_TYPES.map((t) => (
            <TableRow key={t}>
              <TableCell>{t}</TableCell>
              <TableCell className={s.num}>{summary.all.byType[t].count}</TableCell>
              <TableCell className={s.num}>{formatPounds(summary.all.byType[t].pence)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell>Total</TableCell>
            <TableCell className={s.num}>{summary.all.total.count}</TableCell>
            <TableCell className={s.num}>{formatPounds(summary.all.total.pence)}</TableCell>
          </TableRow>
        </TableBody>
      </Table>

      <h3 className={s.heading}>Mix of shopping, investing and giving</h3>
      <Text>{mixText(summary.all.byMode)} of value</Text>
      {years.length > 1 && (
        <MixTable
          label="Mix by financial year"
          first="Financial year"
          rows={years.map((y) => ({ name: y.year || "(not known)", ...y }))}
        />
      )}
      {summary.groups.length > 1 && (
        <MixTable
          label="Mix by group"
          first="Group"
          rows={summary.groups
            .slice(0, GROUPS_SHOWN)
            .map((g) => ({ name: g.label, byMode: g.byMode, total: g.total }))}
        />
      )}

      <FlagsList summary={summary} onJump={onJump} />
      <QualityList quality={quality} onJump={onJump} />

      {summary.unclassified.length > 0 && (
        <>
          <h3 className={s.heading}>Rows that could not be classified</h3>
          <ul className={s.list} aria-label="Rows that could not be classified">
            {summary.unclassified.slice(0, 200).map((u) => (
              <li key={u.row}>
                <Button
                  size="small"
                  appearance="subtle"
                  onClick={() => onJump(u.row)}
                  aria-label={`Go to row ${u.row}`}
                >
                  Row {u.row}
                </Button>{" "}
                <Text>{u.message}</Text>
              </li>
            ))}
          </ul>
          {summary.unclassified.length > 200 && (
            <Text>and {summary.unclassified.length - 200} more, listed on the summary sheet.</Text>
          )}
        </>
      )}
    </section>
  );
}

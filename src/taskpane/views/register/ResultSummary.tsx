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
  FUNDING_TYPES,
  MODES,
} from "../../../domain/classification/classify";
import { formatPounds } from "../../../domain/kernel/money";
import { modeShares, type RegisterSummary } from "../../../domain/classification/summary";
import type { Reconciliation } from "../../../excel/register";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "8px", marginTop: "12px" },
  heading: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: "8px 0 0",
  },
  list: { margin: 0, paddingLeft: "16px", display: "flex", flexDirection: "column", gap: "4px" },
  num: { textAlign: "right" },
});

export type ResultSummaryProps = {
  summary: RegisterSummary;
  summarySheet: string;
  usedFormulas: boolean;
  reconciliation: Reconciliation;
  onJump: (row: number) => void;
};

/** What the classification found: counts and totals per type, the mix, flags, and rows to fix. */
export function ResultSummary({
  summary,
  summarySheet,
  usedFormulas,
  reconciliation,
  onJump,
}: ResultSummaryProps) {
  const s = useStyles();
  const shares = modeShares(summary);
  const flagged = FLAG_CODES.filter((f) => summary.flags[f] > 0);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return (
    <section className={s.section} aria-label="Classification result">
      <MessageBar intent={reconciliation.ok ? "success" : "warning"}>
        <MessageBarBody>
          {summary.classified} rows classified
          {summary.unclassified.length
            ? `, ${summary.unclassified.length} could not be classified`
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
      <Text>{MODES.map((m) => `${m} ${pct(shares[m])}`).join(" · ")} of value</Text>

      <h3 className={s.heading}>Flags</h3>
      {flagged.length === 0 ? (
        <Text>No rows flagged.</Text>
      ) : (
        <ul className={s.list} aria-label="Flags raised">
          {flagged.map((f) => (
            <li key={f}>
              <Text weight="semibold">
                {f}: {summary.flags[f]}
              </Text>{" "}
              <Text>{FLAG_NOTES[f]}</Text>
            </li>
          ))}
        </ul>
      )}

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

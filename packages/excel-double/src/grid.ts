/**
 * Sparse cell storage: an array of rows, each a (possibly holey) array of columns. Fast for big
 * block writes (100,000 rows x 15 columns) and cheap for empty sheets. Browser-safe.
 */
import type { Area } from "./address";

export class Grid<T> {
  private rows: (T[] | undefined)[] = [];
  private boundsCache: Area | null | undefined = undefined;

  get(row: number, col: number): T | undefined {
    const r = this.rows[row];
    return r === undefined ? undefined : r[col];
  }

  set(row: number, col: number, value: T | undefined): void {
    let r = this.rows[row];
    if (value === undefined) {
      if (r !== undefined && r[col] !== undefined) {
        delete r[col];
        this.boundsCache = undefined;
      }
      return;
    }
    if (r === undefined) {
      r = [];
      this.rows[row] = r;
    }
    r[col] = value;
    const b = this.boundsCache;
    if (b === null || b === undefined)
      this.boundsCache = b === null ? { row, col, rows: 1, cols: 1 } : undefined;
    else if (row < b.row || col < b.col || row >= b.row + b.rows || col >= b.col + b.cols) {
      const r0 = Math.min(b.row, row);
      const c0 = Math.min(b.col, col);
      const r1 = Math.max(b.row + b.rows, row + 1);
      const c1 = Math.max(b.col + b.cols, col + 1);
      this.boundsCache = { row: r0, col: c0, rows: r1 - r0, cols: c1 - c0 };
    }
  }

  /** Remove every entry inside the area. */
  clearArea(a: Area): void {
    const end = Math.min(a.row + a.rows, this.rows.length);
    for (let r = a.row; r < end; r++) {
      const row = this.rows[r];
      if (row === undefined) continue;
      const cEnd = Math.min(a.col + a.cols, row.length);
      for (let c = a.col; c < cEnd; c++) if (row[c] !== undefined) delete row[c];
    }
    this.boundsCache = undefined;
  }

  /** Visit every stored entry (row-major). */
  forEach(fn: (value: T, row: number, col: number) => void, area?: Area): void {
    const start = area ? area.row : 0;
    const end = area ? Math.min(area.row + area.rows, this.rows.length) : this.rows.length;
    for (let r = start; r < end; r++) {
      const row = this.rows[r];
      if (row === undefined) continue;
      if (area) {
        const cEnd = Math.min(area.col + area.cols, row.length);
        for (let c = area.col; c < cEnd; c++) {
          const v = row[c];
          if (v !== undefined) fn(v, r, c);
        }
      } else {
        row.forEach((v, c) => {
          if (v !== undefined) fn(v, r, c);
        });
      }
    }
  }

  /** Bounding box of stored entries, or null when empty. */
  bounds(): Area | null {
    if (this.boundsCache !== undefined) return this.boundsCache;
    let r0 = -1;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    this.rows.forEach((row, r) => {
      if (row === undefined) return;
      let any = false;
      row.forEach((v, c) => {
        if (v === undefined) return;
        any = true;
        if (c < c0) c0 = c;
        if (c > c1) c1 = c;
      });
      if (any) {
        if (r0 < 0) r0 = r;
        r1 = r;
      }
    });
    this.boundsCache = r0 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
    return this.boundsCache;
  }
}

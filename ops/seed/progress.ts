/**
 * The seed CLI's progress display. On a terminal, one line per table redrawn in place at most
 * four times a second; otherwise (CI logs, files) one plain line per table per 10%, so logs
 * stay short and readable.
 */
import type { TableProgress } from './copy';

const REDRAW_MS = 250;

interface TableState {
  done: number;
  total: number;
  startedAt: number;
  finishedAt: number | null;
  /** Last tenth printed in line mode; -1 before the first. */
  tenth: number;
}

export interface ProgressDisplay {
  update(progress: TableProgress): void;
  /** Draws the final state; call once the seed is over. */
  finish(): void;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function describe(table: string, state: TableState, now: number, width: number): string {
  const percent = state.total === 0 ? 100 : Math.floor((state.done / state.total) * 100);
  const seconds = ((state.finishedAt ?? now) - state.startedAt) / 1000;
  const rate =
    seconds > 0 && state.done > 0 ? `  ${integer.format(state.done / seconds)} rows/s` : '';
  const counts = `${integer.format(state.done)} / ${integer.format(state.total)}`;
  return `${table.padEnd(width)}  ${counts}  (${percent}%)${rate}`;
}

export function createProgressDisplay(
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = () => performance.now(),
): ProgressDisplay {
  const interactive = Boolean(stream.isTTY);
  const tables = new Map<string, TableState>();
  let drawnLines = 0;
  let lastDraw = -Infinity;

  // Wide enough for "orders.order_lines", so line-mode output lines up too.
  const width = () => Math.max(18, ...[...tables.keys()].map((name) => name.length));

  const redraw = () => {
    const at = now();
    lastDraw = at;
    // Move back to the first line of the block and overwrite it: ESC[nF = n lines up, column 1.
    let out = drawnLines > 0 ? `\x1b[${drawnLines}F` : '';
    for (const [table, state] of tables) out += `\x1b[2K${describe(table, state, at, width())}\n`;
    drawnLines = tables.size;
    stream.write(out);
  };

  return {
    update({ table, done, total }) {
      const at = now();
      let state = tables.get(table);
      if (!state) {
        state = { done, total, startedAt: at, finishedAt: null, tenth: -1 };
        tables.set(table, state);
      }
      state.done = done;
      state.total = total;
      if (done >= total && state.finishedAt === null) state.finishedAt = at;

      if (interactive) {
        if (at - lastDraw >= REDRAW_MS) redraw();
        return;
      }
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth > state.tenth) {
        state.tenth = tenth;
        stream.write(`${describe(table, state, at, width())}\n`);
      }
    },
    finish() {
      if (interactive && tables.size > 0) redraw();
    },
  };
}

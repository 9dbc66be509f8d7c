import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useSupergraph } from './support/supergraph';

/**
 * deploy/observability's alert rules and dashboard name only metric families the servers really
 * export: every PromQL expression in them is read, its metric names taken out, and each looked
 * up in a real scrape of every server of the in-process stack. A renamed metric breaks this test,
 * not a silent alert.
 */
const supergraph = useSupergraph();
const dir = new URL('../deploy/observability/', import.meta.url);

/** Every `expr:` of the rules file (kept on one line each, as the file's header says). */
function alertExpressions(): string[] {
  const text = readFileSync(new URL('alerts.yaml', dir), 'utf8');
  return [...text.matchAll(/^\s*expr:\s*(.+)$/gm)].map((m) => m[1]!.trim());
}

interface Dashboard {
  panels: { title: string; targets: { expr: string }[] }[];
}

function dashboardExpressions(): string[] {
  const dashboard = JSON.parse(readFileSync(new URL('dashboard.json', dir), 'utf8')) as Dashboard;
  return dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
}

/** PromQL words that are not metric names. */
const keywords = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'offset',
  'bool',
  'inf',
  'nan',
]);

/**
 * The metric families an expression names: identifiers followed by `{`, `[` or standing bare,
 * not functions or aggregations (followed by `(`), label lists, label matchers or strings; a
 * histogram's `_bucket`, `_sum` and `_count` series name their family.
 */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = [...stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\()?/g)]
    .filter((m) => m[2] === undefined && !keywords.has(m[1]!.toLowerCase()))
    .map((m) => m[1]!.replace(/_(bucket|sum|count)$/, ''));
  return [...new Set(names)];
}

describe('deploy/observability', () => {
  it('reads metric names out of PromQL', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (le, operation) (rate(http_server_request_duration_seconds_bucket{a="b"}[5m]))) > 1',
      ),
    ).toEqual(['http_server_request_duration_seconds']);
    expect(metricNames('max(x_total) / on (job) y > 2')).toEqual(['x_total', 'y']);
  });

  it('every alert and dashboard expression names metric families the servers export', async () => {
    const { router, subgraphs } = supergraph.stack;
    const exported = new Set<string>();
    for (const running of [router, ...Object.values(subgraphs)]) {
      const text = await (await fetch(`${running.managementUrl}/metrics`)).text();
      for (const m of text.matchAll(/^# TYPE (\S+) \S+$/gm)) exported.add(m[1]!);
    }
    const alerts = alertExpressions();
    const panels = dashboardExpressions();
    expect(alerts.length).toBeGreaterThanOrEqual(9);
    expect(panels.length).toBeGreaterThanOrEqual(18);
    for (const expr of [...alerts, ...panels]) {
      const names = metricNames(expr);
      expect(names.length, expr).toBeGreaterThan(0);
      for (const name of names) expect(exported, `${name} in ${expr}`).toContain(name);
    }
  });
});

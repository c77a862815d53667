import type { SchedulingFigures } from './schedulingBench';
import type { ThroughputFigures } from './throughputBench';
import type { LoadFigures } from './loadGenerator';
import type { EmbeddedFigures } from './embeddedBench';
import { dashboardLines, type DashboardFigures } from './dashboardBench';
import { firstLoadLines, type FirstLoadFigures } from './firstLoadBench';

/** The readable summary of a benchmark run. */
export function summarize(
  measuredAt: string,
  scheduling?: SchedulingFigures,
  throughput?: ThroughputFigures,
  embedded?: EmbeddedFigures,
  dashboard?: DashboardFigures[],
  firstLoad?: FirstLoadFigures,
): string {
  return [
    `# Ovi benchmark (${measuredAt})`,
    '',
    ...(scheduling ? schedulingLines(scheduling) : []),
    ...(throughput ? throughputLines(throughput) : []),
    ...(embedded ? embeddedLines(embedded) : []),
    ...(firstLoad ? firstLoadLines(firstLoad) : []),
    ...(dashboard ? ['## The manager\'s dashboard over a generated region-year', '', ...dashboard.flatMap(dashboardLines)] : []),
  ].join('\n');
}

function embeddedLines(e: EmbeddedFigures): string[] {
  return [
    `## Ovi on the embedded database (PGlite, one connection; requests/s (p50/p99 ms))`,
    '',
    `- create (${e.concurrency} clients): ${cell(e.create)}; read: ${cell(e.read)}`,
    `- guidance queue (the demo's), 200 users pausing ~1 s: ${cell(e.queueAt200Users)}; \`$book\`, 200 users pausing ~1 s: ${cell(e.bookAt200Users)}`,
    '',
  ];
}

function schedulingLines(s: SchedulingFigures): string[] {
  return [
    `PostgreSQL server, ${s.professionals} professionals, ${s.months} months of slots: ${s.slots} slots generated in ${s.generationSeconds.toFixed(1)} s.`,
    '',
    `- \`$find\` (7-day window, one profession, ${s.find.requests} requests in a row): median ${s.find.medianMs} ms, p95 ${s.find.p95Ms} ms, max ${s.find.maxMs} ms`,
    `- \`$book\`: ${s.book.attempts} attempts by ${s.book.concurrency} concurrent clients on the same few times: ${s.book.booked} booked, ${s.book.conflicts} refused with 409, ${s.book.otherErrors} other errors, **${s.book.doubleBookings} double bookings**, ${s.book.throughputPerSecond} requests/s`,
    '',
  ];
}

const cell = (f: LoadFigures) => `${f.throughputPerSecond} (${f.p50Ms}/${f.p99Ms})`;

function throughputLines(t: ThroughputFigures): string[] {
  return [
    `## Ovi vs the least an HTTP API can do vs raw SQL (same PostgreSQL, ${t.concurrency} concurrent clients; requests/s (p50/p99 ms))`,
    '',
    '| operation | Ovi (validation, access control, audit) | minimal HTTP server | raw SQL | Ovi / minimal | Ovi / SQL |',
    '|---|---|---|---|---|---|',
    ...(['create', 'read'] as const).map((op) => `| ${op} | ${cell(t[op].ovi)} | ${cell(t[op].minimal)} | ${cell(t[op].sql)} | ${t[op].oviVsMinimal} | ${t[op].oviVsSql} |`),
    `| contact intake (response + Task + audit) | ${cell(t.intake.ovi)} | ${cell(t.intake.minimal)} (one-row insert) | | ${t.intake.oviVsMinimal} | |`,
    '',
    `Ovi and the minimal server took turns; the median of ${t.create.rounds.length} rounds is shown (Ovi / minimal per round: create ${t.create.rounds.join(', ')}; read ${t.read.rounds.join(', ')}; intake ${t.intake.rounds.join(', ')}).`,
    '',
    `- guidance queue with ${t.openContacts} open contacts, pages of 50, 200 users pausing 0.5–1.5 s between requests (6 in 10 the first page, the rest later pages and filters): ${cell(t.queueAt200Users)} (longest stall of the load generator itself ${t.queueAt200Users.generatorStallMs} ms); the same users over two Ovi processes on the same database: ${cell(t.queueAt200UsersTwoProcesses)}; 200 clients without pause (saturation): ${cell(t.queueAt200)}, ${t.queueAt200.errors} errors`,
    `- \`$book\`, 200 users pausing ~1 s: ${cell(t.bookAt200Users)} (generator stall ${t.bookAt200Users.generatorStallMs} ms); 200 clients without pause: ${cell(t.bookAt200)} (${t.bookAt200.booked} booked, ${t.bookAt200.conflicts} × 409, ${t.bookAt200.errors} other)`,
    '',
  ];
}

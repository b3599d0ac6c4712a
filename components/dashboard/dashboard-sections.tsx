import { useMemo } from 'react';
import {
  TIMING_METRICS,
  type Group,
  type Insights,
  type Rate,
  type TimingMetric,
  type Votes,
} from '../../lib/insights/aggregate';
import {
  ERROR_CODE_LABELS,
  costText,
  dayText,
  msText,
  percentText,
  percentilesText,
  rateText,
  requestsText,
  usdText,
  votesText,
} from '../../lib/insights/insight-words';
import {
  acceptanceConfig,
  costPerDayConfig,
  ratesConfig,
  requestsPerDayConfig,
  routesConfig,
  timingConfig,
  votesConfig,
} from './chart-configs';
import { ChartSection, type FigureTable } from './chart-section';

const TIMING_TITLES: Record<TimingMetric, { title: string; what: string }> = {
  draftFirstToken: {
    title: 'Draft first token',
    what: 'from the request to the first draft text',
  },
  draft: { title: 'Draft total time', what: 'from the request to the finished draft' },
  refinement: { title: 'Refinement time', what: 'of the refinement stage' },
  endToEnd: {
    title: 'End-to-end time',
    what: 'from the request to the final result, for requests that gave one',
  },
};

interface Props {
  insights: Insights;
  /** "in the last 7 days" */
  periodWords: string;
}

export function Overview({ insights, periodWords }: Props) {
  const { rates, acceptance, cost, timings } = insights;
  const items: [string, string][] = [
    ['Requests', String(insights.requests)],
    ['Cost', costText(cost)],
    ['Accepted', rateText(acceptance.overall)],
    ['Draft first token', `p50 ${msText(timings.draftFirstToken.p50)}`],
    ['End-to-end', `p50 ${msText(timings.endToEnd.p50)}`],
    ['Cache hits', rateText(rates.cacheHit)],
    ['Fallbacks', rateText(rates.fallback)],
    ['Errors', rateText(rates.error)],
  ];
  return (
    <section className="overview" aria-labelledby="overview-heading">
      <h2 id="overview-heading">At a glance, {periodWords}</h2>
      <dl>
        {items.map(([term, value]) => (
          <div key={term} className="tile">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function TimingSections({ insights }: Props) {
  const { days } = insights;
  const configs = useMemo(() => TIMING_METRICS.map((metric) => timingConfig(days, metric)), [days]);
  return (
    <section className="group" aria-labelledby="timings-heading">
      <h2 id="timings-heading">Speed</h2>
      <p className="group-note">
        Per day, the median (p50) and the slowest 5 % (p95; nearest-rank) of each stage. Cached
        results are left out: no provider ran.
      </p>
      <div className="chart-grid">
        {TIMING_METRICS.map((metric, i) => {
          const { title, what } = TIMING_TITLES[metric];
          const table: FigureTable = {
            caption: `${title} per day (${what})`,
            head: ['Day', 'p50', 'p95', 'Requests measured'],
            rows: days
              .filter((day) => day.timings[metric].count > 0)
              .map((day) => {
                const t = day.timings[metric];
                return [dayText(day.day), msText(t.p50), msText(t.p95), t.count];
              }),
          };
          return (
            <ChartSection
              key={metric}
              title={title}
              summary={percentilesText(insights.timings[metric])}
              config={configs[i] ?? null}
              empty={`No ${title.toLowerCase()} measured in this period.`}
              table={table}
            />
          );
        })}
      </div>
    </section>
  );
}

export function VolumeSections({ insights, periodWords }: Props) {
  const { days, byRoute, cost } = insights;
  const requestsConfig = useMemo(() => requestsPerDayConfig(days), [days]);
  const costConfig = useMemo(() => costPerDayConfig(days), [days]);
  const routeConfig = useMemo(() => routesConfig(byRoute), [byRoute]);
  const busiest = days.reduce((max, day) => (day.requests > max.requests ? day : max), days[0]!);
  return (
    <section className="group" aria-labelledby="volume-heading">
      <h2 id="volume-heading">Requests and cost</h2>
      <p className="group-note">
        Cost is estimated from the providers’ list prices and the tokens each request reported. A
        request without reported usage (failed, cancelled) or without a known price is counted, but
        not summed; a cached result costs $0.
      </p>
      <div className="chart-grid">
        <ChartSection
          title="Requests per day"
          summary={`${requestsText(insights.requests)} ${periodWords}; busiest day ${dayText(busiest.day)} (${busiest.requests}).`}
          config={requestsConfig}
          empty="No requests in this period."
          table={{
            caption: 'Requests per day',
            head: ['Day', 'Requests'],
            rows: days.map((day) => [dayText(day.day), day.requests]),
          }}
        />
        <ChartSection
          title="Cost per day"
          summary={`${costText(cost)} ${periodWords}.`}
          config={costConfig}
          empty={
            cost.unknown > 0
              ? `No known cost ${periodWords}: ${requestsText(cost.unknown)} reported no usage or use a model without a known price.`
              : 'No cost in this period.'
          }
          table={{
            caption: 'Cost per day',
            head: ['Day', 'Cost', 'Requests without a known cost'],
            rows: days
              .filter((day) => day.requests > 0)
              .map((day) => [dayText(day.day), usdText(day.cost.usd), day.cost.unknown]),
          }}
        />
      </div>
      <ChartSection
        title="Requests and cost per provider and model"
        summary={
          byRoute[0]
            ? `Most used: ${byRoute[0].label}, ${requestsText(byRoute[0].requests)}, ${costText(byRoute[0].cost)}.`
            : ''
        }
        config={routeConfig}
        empty="No requests in this period."
        table={{
          caption: 'Requests and cost per draft → refinement provider and model',
          head: ['Draft → refinement', 'Requests', 'Cost', 'Requests without a known cost'],
          rows: byRoute.map((route) => [
            route.label,
            route.requests,
            route.cost.known > 0 ? usdText(route.cost.usd) : '—',
            route.cost.unknown,
          ]),
        }}
      />
    </section>
  );
}

function rateRows(groups: Group<Rate>[]): (string | number)[][] {
  return groups.map((g) => [g.label, g.value.count, g.value.of, percentText(g.value.rate)]);
}

export function ReliabilitySection({ insights }: Props) {
  const { rates } = insights;
  const config = useMemo(() => ratesConfig(rates), [rates]);
  const byCode = rates.errorsByCode
    .map(({ code, rate }) => `${ERROR_CODE_LABELS[code]} ${rateText(rate)}`)
    .join(', ');
  const summary = [
    `Cache hits ${rateText(rates.cacheHit)}`,
    `Fallbacks ${rateText(rates.fallback)}`,
    `Errors ${rateText(rates.error)}${byCode ? `: ${byCode}` : ''}`,
  ].join(' · ');
  return (
    <section className="group" aria-labelledby="reliability-heading">
      <h2 id="reliability-heading">Reliability</h2>
      <p className="group-note">
        Cache hits among requests that were not cancelled. Fallbacks (the draft failed and the
        refinement answered alone) and errors (the request failed, or its refinement did and the
        draft stayed) among requests that reached a provider.
      </p>
      <ChartSection
        title="Fallback, error and cache hit rates"
        summary={summary}
        config={config}
        empty="No finished requests in this period."
        table={{
          caption: 'Rates',
          head: ['Rate', 'Count', 'Of', 'Share'],
          rows: [
            [
              'Cache hits',
              rates.cacheHit.count,
              rates.cacheHit.of,
              percentText(rates.cacheHit.rate),
            ],
            [
              'Fallbacks',
              rates.fallback.count,
              rates.fallback.of,
              percentText(rates.fallback.rate),
            ],
            ['Errors (all)', rates.error.count, rates.error.of, percentText(rates.error.rate)],
            ...rates.errorsByCode.map(({ code, rate }) => [
              `Error: ${ERROR_CODE_LABELS[code]}`,
              rate.count,
              rate.of,
              percentText(rate.rate),
            ]),
          ],
        }}
      />
    </section>
  );
}

export function AcceptanceSections({ insights }: Props) {
  const { acceptance } = insights;
  const byMode = useMemo(() => acceptanceConfig(acceptance.byMode), [acceptance.byMode]);
  const byDraft = useMemo(
    () => acceptanceConfig(acceptance.byDraftModel),
    [acceptance.byDraftModel],
  );
  const open =
    acceptance.undecided > 0 ? ` ${requestsText(acceptance.undecided)} not settled yet.` : '';
  const summary = `Accepted ${rateText(acceptance.overall)}.${open}`;
  const empty =
    acceptance.undecided > 0
      ? `Nothing settled yet: ${requestsText(acceptance.undecided)} may still be kept or restored.`
      : 'No results in this period.';
  const head = (what: string) => [what, 'Accepted', 'Settled results', 'Share'];
  return (
    <section className="group" aria-labelledby="acceptance-heading">
      <h2 id="acceptance-heading">Acceptance</h2>
      <p className="group-note">
        A result counts as accepted when it was kept, edited, applied, copied or inserted; restored,
        undone, dismissed or left unused counts as not. A result counts once its outcome is final or
        10 minutes have passed.
      </p>
      <div className="chart-grid">
        <ChartSection
          title="Acceptance per mode"
          summary={summary}
          config={byMode}
          empty={empty}
          table={{
            caption: 'Acceptance per mode',
            head: head('Mode'),
            rows: rateRows(acceptance.byMode),
          }}
        />
        <ChartSection
          title="Acceptance per draft model"
          summary={summary}
          config={byDraft}
          empty={empty}
          table={{
            caption: 'Acceptance per draft provider and model',
            head: head('Draft model'),
            rows: rateRows(acceptance.byDraftModel),
          }}
        />
      </div>
    </section>
  );
}

function voteRows(groups: Group<Votes>[]): (string | number)[][] {
  return groups.map((g) => [g.label, g.value.up, g.value.down, percentText(g.value.upShare)]);
}

const NO_VOTES =
  'No votes yet: give a draft or a refinement a thumbs up or down where the result is shown.';

export function FeedbackSections({ insights }: Props) {
  const { feedback } = insights;
  const byModel = useMemo(() => votesConfig(feedback.draftByModel), [feedback.draftByModel]);
  const byMode = useMemo(() => votesConfig(feedback.draftByMode), [feedback.draftByMode]);
  const refinement = useMemo(
    () => votesConfig(feedback.refinementByModel),
    [feedback.refinementByModel],
  );
  const head = (what: string) => [what, 'Thumbs up', 'Thumbs down', 'Up share'];
  const drafts = `Drafts: ${votesText(feedback.draft)}.`;
  return (
    <section className="group" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">Feedback</h2>
      <p className="group-note">Your thumbs up and down, per model and per mode.</p>
      <div className="chart-grid">
        <ChartSection
          title="Draft feedback per draft model"
          summary={drafts}
          config={byModel}
          empty={NO_VOTES}
          table={{
            caption: 'Draft feedback per draft provider and model',
            head: head('Draft model'),
            rows: voteRows(feedback.draftByModel),
          }}
        />
        <ChartSection
          title="Draft feedback per mode"
          summary={drafts}
          config={byMode}
          empty={NO_VOTES}
          table={{
            caption: 'Draft feedback per mode',
            head: head('Mode'),
            rows: voteRows(feedback.draftByMode),
          }}
        />
        <ChartSection
          title="Refinement feedback per model"
          summary={`Refinements: ${votesText(feedback.refinement)}.`}
          config={refinement}
          empty={NO_VOTES}
          table={{
            caption: 'Refinement feedback per refinement provider and model',
            head: head('Refinement model'),
            rows: voteRows(feedback.refinementByModel),
          }}
        />
      </div>
    </section>
  );
}

// Draws a detente report from the document embedded in the page (docs/report.md): tables as
// HTML, charts as Vega-Lite specifications compiled and rendered to SVG by Vega. Sections the
// document does not hold are left out. When every chart has rendered, <html> gets
// data-rendered="N" (N charts); a chart that fails shows its error and logs it to the console.
(function () {
  'use strict';

  const doc = JSON.parse(document.getElementById('detente-data').textContent);
  const root = document.getElementById('report');
  root.textContent = '';
  const charts = [];
  const WIDTH = 640;

  // ------------------------------------------------------------------ small DOM helpers
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children || []) {
      if (child !== null && child !== undefined) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }
  const pct = (x) => (x === null || x === undefined ? '–' : (100 * x).toFixed(1) + '%');
  const num = (x, digits) => (x === null || x === undefined ? '–' : Number(x).toFixed(digits === undefined ? 3 : digits));
  const signedPct = (x) => (x > 0 ? '+' : x < 0 ? '−' : '') + (100 * Math.abs(x)).toFixed(1) + ' pts';

  function table(columns, rows, className) {
    const head = el('tr', {}, columns.map((c) => el('th', { text: c.title, class: c.numeric ? 'num' : '' })));
    const body = rows.map((row) =>
      el('tr', {}, columns.map((c) => el('td', { text: String(c.value(row)), class: c.numeric ? 'num' : '' }))));
    return el('table', { class: className || '' }, [el('thead', {}, [head]), el('tbody', {}, body)]);
  }

  const sections = [];
  function section(id, title, intro) {
    const node = el('section', { id: id }, [el('h2', { text: title })]);
    if (intro) node.appendChild(el('p', { class: 'intro', text: intro }));
    sections.push({ id: id, title: title });
    root.appendChild(node);
    return node;
  }
  function chart(parent, name, spec, caption) {
    const holder = el('figure', { class: 'chart', 'data-chart': name });
    const canvas = el('div', { class: 'vega' });
    holder.appendChild(canvas);
    if (caption) holder.appendChild(el('figcaption', { text: caption }));
    parent.appendChild(holder);
    charts.push({ name: name, node: canvas, spec: spec });
  }

  // ------------------------------------------------------------------ names for people
  function seriesTitle(name) {
    const parts = name.split('.');
    if (name === 'threat') return 'Strength of the common threat';
    if (name === 'distance') return "Distance between the two sides' positions (share of the scales)";
    if (parts[0] === 'trust' && parts.length === 4) return parts[1] + "'s trust that " + parts[2] + ' is trustworthy (' + parts[3] + ')';
    if (parts[0] === 'position' && parts.length === 3) return parts[1] + "'s position on " + parts[2];
    return name;
  }
  const arms = (doc.arms || []).map((a) => a.arm);
  const armColor = { field: 'arm', type: 'nominal', title: 'policy', scale: { domain: arms } };
  const deadlines = (doc.deadlines || []).map((d) => ({ date: d, label: 'deadline ' + d }));
  const deadlineRule = deadlines.length === 0 ? [] : [
    { data: { values: deadlines }, mark: { type: 'rule', strokeDash: [4, 3], color: '#888' },
      encoding: { x: { field: 'date', type: 'temporal' }, tooltip: [{ field: 'label' }] } }];
  const deadlineLayers = deadlines.length === 0 ? [] : deadlineRule.concat([
    { data: { values: deadlines }, mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 4, color: '#666', fontSize: 10 },
      encoding: { x: { field: 'date', type: 'temporal' }, y: { value: 0 }, text: { field: 'label' } } }]);

  // ------------------------------------------------------------------ header
  root.appendChild(el('header', {}, [
    el('h1', { text: doc.title || 'detente report' }),
    doc.subtitle ? el('p', { class: 'subtitle', text: doc.subtitle }) : null,
    el('p', { class: 'meta', text: (doc.generated_by || 'detente') + ' · input: ' + (doc.input || '') +
      (doc.runs ? ' · ' + doc.runs + (doc.runs === 1 ? ' run' : ' runs per policy') : '') }),
  ]));
  const nav = el('nav', {}, []);
  root.appendChild(nav);

  // ------------------------------------------------------------------ scenario and options
  {
    const s = section('settings', doc.kind === 'forecast' ? 'Input and options' : 'Scenario and options');
    s.appendChild(table([{ title: 'setting', value: (r) => r.name }, { title: 'value', value: (r) => r.value }], doc.settings || [], 'settings'));
    if (doc.arms && doc.arms.length) {
      s.appendChild(el('h3', { text: 'Policies compared' }));
      s.appendChild(table([{ title: 'policy', value: (r) => r.arm }, { title: 'what it does', value: (r) => r.description },
        { title: 'runs', value: (r) => r.runs, numeric: true }], doc.arms));
    }
    if (doc.policies && doc.policies.length) {
      s.appendChild(el('h3', { text: 'Policies the scenario defines' }));
      s.appendChild(table([{ title: 'policy', value: (r) => r.id }, { title: 'from', value: (r) => r.start },
        { title: 'description', value: (r) => r.description }], doc.policies));
    }
    if (doc.scenario_text) {
      s.appendChild(el('details', {}, [el('summary', { text: 'The scenario file' }), el('pre', { text: doc.scenario_text })]));
    }
  }

  // ------------------------------------------------------------------ stakeholder forecasts
  if (doc.forecast) {
    const f = doc.forecast;
    const s = section('forecast', 'Forecasts', 'Each model\'s prediction for each issue, on the issue\'s scale.');
    const columns = [{ title: 'issue', value: (r) => r.issue }, { title: 'scale', value: (r) => r.scale[0] + ' – ' + r.scale[1] }];
    for (const model of f.models) {
      columns.push({ title: model, numeric: true, value: (r) => {
        const hit = f.forecasts.find((x) => x.model === model && x.issue === r.issue);
        return hit ? num(hit.forecast, 2) : '–';
      } });
    }
    s.appendChild(table(columns, f.issues));
    for (const issue of f.issues) {
      const start = f.positions.filter((p) => p.issue === issue.issue && p.round === 0 && p.model === f.models[0]);
      const forecasts = f.forecasts.filter((x) => x.issue === issue.issue);
      chart(s, 'forecast-' + issue.issue, {
        width: WIDTH, height: { step: 22 },
        title: { text: 'Issue "' + issue.issue + '": stated positions and each model\'s forecast', anchor: 'start' },
        layer: [
          { data: { values: forecasts }, mark: { type: 'rule', strokeWidth: 2 },
            encoding: { x: { field: 'forecast', type: 'quantitative', scale: { domain: issue.scale }, title: 'position' },
              color: { field: 'model', type: 'nominal', title: 'forecast of' },
              tooltip: [{ field: 'model' }, { field: 'forecast', format: '.3f' }] } },
          { data: { values: start }, mark: { type: 'point', filled: true, size: 70, color: '#333' },
            encoding: { x: { field: 'position', type: 'quantitative' }, y: { field: 'actor', type: 'nominal', sort: null, title: null },
              tooltip: [{ field: 'actor' }, { field: 'position' }] } },
        ],
      }, 'Dots: each actor\'s position in the input. Lines: the forecasts.');
    }
    const dynamic = f.models.filter((m) => f.rounds.some((r) => r.model === m && r.round > 0));
    const staticModels = f.models.filter((m) => !dynamic.includes(m));
    const r = section('rounds', "Actors' positions by round",
      'Round 0 is the input; round k the positions after round k of a dynamic model.' +
      (staticModels.length ? ' ' + staticModels.join(', ') + (staticModels.length === 1 ? ' is' : ' are') +
        ' static (one round): ' + (staticModels.length === 1 ? 'its' : 'their') + ' forecast is computed from the input positions shown above.' : ''));
    for (const model of dynamic) {
      for (const issue of f.issues) {
        const values = f.positions.filter((p) => p.model === model && p.issue === issue.issue);
        const means = f.rounds.filter((p) => p.model === model && p.issue === issue.issue);
        chart(r, 'rounds-' + model + '-' + issue.issue, {
          width: WIDTH, height: 300,
          title: { text: model + ': positions on "' + issue.issue + '" by round', anchor: 'start' },
          layer: [
            { data: { values: values }, mark: { type: 'line', point: true, strokeWidth: 1.5 },
              encoding: { x: { field: 'round', type: 'quantitative', axis: { tickMinStep: 1, format: 'd' } },
                y: { field: 'position', type: 'quantitative', scale: { domain: issue.scale }, title: 'position' },
                color: { field: 'actor', type: 'nominal', sort: null },
                tooltip: [{ field: 'actor' }, { field: 'round' }, { field: 'position', format: '.3f' }] } },
            { data: { values: means }, mark: { type: 'line', strokeDash: [6, 3], color: '#000', strokeWidth: 2 },
              encoding: { x: { field: 'round', type: 'quantitative' }, y: { field: 'mean', type: 'quantitative' },
                tooltip: [{ field: 'round' }, { field: 'mean', format: '.3f' }] } },
          ],
        }, 'Coloured lines: actors. Dashed black line: the capability × salience weighted mean of the round.');
      }
    }
    if (f.notes && f.notes.length) {
      r.appendChild(el('h3', { text: 'Notes from the models' }));
      r.appendChild(el('ul', {}, f.notes.map((n) => el('li', { text: n.model + ': ' + n.note }))));
    }
  }

  // ------------------------------------------------------------------ outcome probabilities
  if (doc.outcomes && doc.outcomes.length) {
    const single = doc.runs === 1;
    const s = section('outcomes', single ? 'Outcome of the run' : 'Outcome probabilities',
      single ? 'What happened in this one run.' :
        'Share of runs in which each event happened, with its 95% Wilson interval.');
    if (single) {
      s.appendChild(table([{ title: 'event', value: (r) => r.event }, { title: 'happened', value: (r) => (r.p > 0.5 ? 'yes' : 'no') }], doc.outcomes));
    } else {
      s.appendChild(table([{ title: 'event', value: (r) => r.event }, { title: 'policy', value: (r) => r.arm },
        { title: 'probability', numeric: true, value: (r) => pct(r.p) },
        { title: '95% interval', numeric: true, value: (r) => pct(r.lo) + ' – ' + pct(r.hi) },
        { title: 'runs', numeric: true, value: (r) => r.successes + ' / ' + r.trials }], doc.outcomes));
      chart(s, 'outcomes', {
        width: WIDTH, height: { step: 16 }, data: { values: doc.outcomes },
        encoding: { y: { field: 'event', type: 'nominal', sort: null, title: null }, yOffset: { field: 'arm', sort: arms }, color: armColor },
        layer: [
          { mark: { type: 'rule', strokeWidth: 2 },
            encoding: { x: { field: 'lo', type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%' }, title: 'probability (95% interval)' }, x2: { field: 'hi' } } },
          { mark: { type: 'point', filled: true, size: 70 },
            encoding: { x: { field: 'p', type: 'quantitative' },
              tooltip: [{ field: 'event' }, { field: 'arm', title: 'policy' }, { field: 'p', format: '.1%' }, { field: 'lo', format: '.1%' }, { field: 'hi', format: '.1%' }] } },
        ],
      });
    }
  }

  // ------------------------------------------------------------------ why no agreement by each date
  if (doc.why_not && doc.why_not.length) {
    const s = section('why', 'Why no agreement by each date',
      'At the step containing each date: the share of runs in which each condition of an agreement was not met ' +
      '(several can fail in one run), and in which the talks had already ended (docs/models.md, diagnostics).');
    s.appendChild(table([{ title: 'by', value: (r) => r.date }, { title: 'what stood in the way', value: (r) => r.gate },
      { title: 'policy', value: (r) => r.arm }, { title: 'share of runs', numeric: true, value: (r) => pct(r.share) }], doc.why_not));
  }

  // ------------------------------------------------------------------ P(agreement) by date
  if (doc.agreement_curve && doc.agreement_curve.length) {
    const s = section('agreement', 'Probability of agreement by date',
      'Share of runs that have reached an agreement on or before each date, with its 95% Wilson interval.');
    chart(s, 'agreement-by-date', {
      width: WIDTH, height: 300,
      layer: [
        { data: { values: doc.agreement_curve }, mark: { type: 'area', opacity: 0.18 },
          encoding: { x: { field: 'date', type: 'temporal', title: null }, y: { field: 'lo', type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%' }, title: 'P(agreement by date)' },
            y2: { field: 'hi' }, color: Object.assign({}, armColor, { legend: null }) } },
        { data: { values: doc.agreement_curve }, mark: { type: 'line', strokeWidth: 2, interpolate: 'step-after' },
          encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'p', type: 'quantitative' }, color: armColor,
            tooltip: [{ field: 'arm', title: 'policy' }, { field: 'date', type: 'temporal' }, { field: 'p', format: '.1%' }] } },
      ].concat(deadlineLayers),
    });
  }

  // ------------------------------------------------------------------ fan charts
  if (doc.bands && doc.bands.length) {
    const single = doc.runs === 1;
    const s = section('paths', single ? 'Trust and threat through time' : 'Trust and threat through time (fan charts)',
      single ? 'The recorded series of this run.' :
        'Median (line), 25–75% (dark band) and 5–95% (light band) of the runs at each date, one panel per policy. ' +
        'Dashed lines: deadlines.');
    const names = [...new Set(doc.bands.map((b) => b.series))];
    for (const name of names) {
      const rows = doc.bands.filter((b) => b.series === name);
      const panel = (arm) => ({
        width: arms.length > 1 ? Math.max(220, Math.floor(900 / arms.length) - 40) : WIDTH, height: 210,
        title: { text: arms.length > 1 ? 'policy: ' + arm : '', fontSize: 11 },
        layer: (single ? [] : [
          { data: { values: rows }, transform: [{ filter: { field: 'arm', equal: arm } }], mark: { type: 'area', opacity: 0.15 },
            encoding: { x: { field: 'date', type: 'temporal', title: null }, y: { field: 'q05', type: 'quantitative', title: null }, y2: { field: 'q95' }, color: armColor } },
          { data: { values: rows }, transform: [{ filter: { field: 'arm', equal: arm } }], mark: { type: 'area', opacity: 0.35 },
            encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'q25', type: 'quantitative' }, y2: { field: 'q75' }, color: armColor } },
        ]).concat([
          { data: { values: rows }, transform: [{ filter: { field: 'arm', equal: arm } }], mark: { type: 'line', strokeWidth: 2 },
            encoding: { x: { field: 'date', type: 'temporal', title: null }, y: { field: 'q50', type: 'quantitative', title: null }, color: armColor,
              tooltip: [{ field: 'date', type: 'temporal' }, { field: 'q05', format: '.3f' }, { field: 'q50', format: '.3f', title: 'median' }, { field: 'q95', format: '.3f' }] } },
        ]).concat(deadlineRule),
      });
      chart(s, 'fan-' + name, {
        title: { text: seriesTitle(name), anchor: 'start' },
        hconcat: (arms.length ? arms : [rows[0].arm]).map(panel),
        resolve: { scale: { y: 'shared' } },
        config: { legend: { disable: true } },
      });
    }
  }

  // ------------------------------------------------------------------ policy comparison
  if (doc.comparison && doc.comparison.length) {
    const s = section('comparison', 'Policy comparison',
      'Difference in the probability of each event between a policy and the reference "' + doc.comparison[0].a +
      '", over paired runs that share their random numbers: Newcombe\'s 95% interval for paired proportions and ' +
      'the exact McNemar test.');
    s.appendChild(table([{ title: 'event', value: (r) => r.event }, { title: 'policy', value: (r) => r.b },
      { title: 'P(' + doc.comparison[0].a + ')', numeric: true, value: (r) => pct(r.p_a) },
      { title: 'P(policy)', numeric: true, value: (r) => pct(r.p_b) },
      { title: 'difference', numeric: true, value: (r) => signedPct(r.diff) },
      { title: '95% interval', numeric: true, value: (r) => signedPct(r.lo) + ' to ' + signedPct(r.hi) },
      { title: 'p (McNemar)', numeric: true, value: (r) => (r.p_value < 0.001 ? '< 0.001' : num(r.p_value, 3)) }], doc.comparison));
    const policyArms = arms.slice(1);
    const rowEncoding = { y: { field: 'event', type: 'nominal', sort: null, title: null }, yOffset: { field: 'b', sort: policyArms },
      color: { field: 'b', type: 'nominal', title: 'policy', scale: { domain: arms } } };
    chart(s, 'comparison', {
      width: WIDTH, height: { step: 18 },
      layer: [
        { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#999' }, encoding: { x: { field: 'zero', type: 'quantitative' } } },
        { data: { values: doc.comparison }, mark: { type: 'rule', strokeWidth: 2 },
          encoding: Object.assign({}, rowEncoding, { x: { field: 'lo', type: 'quantitative', axis: { format: '+.1~%' },
            title: 'difference in probability against "' + doc.comparison[0].a + '" (95% interval)' }, x2: { field: 'hi' } }) },
        { data: { values: doc.comparison }, mark: { type: 'point', filled: true, size: 70 },
          encoding: Object.assign({}, rowEncoding, { x: { field: 'diff', type: 'quantitative' },
            tooltip: [{ field: 'event' }, { field: 'b', title: 'policy' }, { field: 'diff', format: '+.1%' }, { field: 'lo', format: '+.1%' }, { field: 'hi', format: '+.1%' }, { field: 'p_value', format: '.3g', title: 'p' }] }) },
      ],
    });
  }

  // ------------------------------------------------------------------ sensitivity
  if (doc.sensitivity) {
    const t = doc.sensitivity;
    const s = section('sensitivity', 'Which inputs matter', 'Method: ' + t.method + (t.runs ? ' (' + t.runs + ' runs per end)' : '') + '.');
    if (t.note) s.appendChild(el('p', { class: 'note', text: t.note }));
    const outcomes = [...new Set((t.rows || []).map((r) => r.outcome))];
    for (const outcome of outcomes) {
      const rows = t.rows.filter((r) => r.outcome === outcome);
      const order = rows.slice().sort((a, b) => b.swing - a.swing).map((r) => r.parameter);
      const bars = [];
      for (const r of rows) {
        bars.push({ parameter: r.parameter, end: 'low end', from: r.base, to: r.low, value: r.low_value, p: r.low, swing: r.swing });
        bars.push({ parameter: r.parameter, end: 'high end', from: r.base, to: r.high, value: r.high_value, p: r.high, swing: r.swing });
      }
      chart(s, 'tornado-' + outcome, {
        width: WIDTH - 120, height: { step: 22 },
        title: { text: 'P(' + outcome + ')', anchor: 'start' },
        layer: [
          { data: { values: bars }, mark: { type: 'bar', height: { band: 0.7 } },
            encoding: { y: { field: 'parameter', type: 'nominal', sort: order, title: null },
              x: { field: 'from', type: 'quantitative', axis: { format: '.0%' }, title: 'probability with the input at the end of its range' },
              x2: { field: 'to' }, color: { field: 'end', type: 'nominal', title: 'input at', scale: { domain: ['low end', 'high end'], range: ['#4c78a8', '#e45756'] } },
              tooltip: [{ field: 'parameter' }, { field: 'end' }, { field: 'value', title: 'input value' }, { field: 'p', format: '.1%', title: 'probability' }] } },
          { data: { values: bars }, mark: { type: 'tick', thickness: 2, size: 16 },
            encoding: { y: { field: 'parameter', type: 'nominal', sort: order }, x: { field: 'to', type: 'quantitative' },
              color: { field: 'end', type: 'nominal' }, tooltip: [{ field: 'parameter' }, { field: 'end' }, { field: 'value', title: 'input value' }, { field: 'p', format: '.1%', title: 'probability' }] } },
          { data: { values: [{ base: rows[0].base }] }, mark: { type: 'rule', color: '#333', strokeDash: [3, 2] },
            encoding: { x: { field: 'base', type: 'quantitative' } } },
        ],
      }, 'Inputs ranked by swing, the largest on top; each bar runs from the probability with every input as drawn (dashed line) ' +
        'to the probability with this input at the low (blue) or high (red) end of its range.');
    }
  }

  // ------------------------------------------------------------------ quantities and narrative
  if (doc.quantities && doc.quantities.length && doc.runs !== 1) {
    const s = section('quantities', 'Other outcomes', '5%, 50% and 95% quantiles and the mean over the runs.');
    s.appendChild(table([{ title: 'outcome', value: (r) => r.quantity }, { title: 'policy', value: (r) => r.arm },
      { title: '5%', numeric: true, value: (r) => num(r.q05, 2) }, { title: 'median', numeric: true, value: (r) => num(r.q50, 2) },
      { title: '95%', numeric: true, value: (r) => num(r.q95, 2) }, { title: 'mean', numeric: true, value: (r) => num(r.mean, 2) },
      { title: 'runs', numeric: true, value: (r) => r.n }], doc.quantities));
  }
  if (doc.events && doc.events.length) {
    const s = section('narrative', 'What happened');
    s.appendChild(table([{ title: 'date', value: (r) => r.date }, { title: 'event', value: (r) => r.event }], doc.events, 'narrative'));
  }

  // ------------------------------------------------------------------ backtest (detente backtest --report)
  if (doc.backtest) {
    const b = doc.backtest;
    const s = section('backtest', 'Forecasts against what happened',
      'Each question is a dated outcome of the timeline after the forecast origin (as_of ' + b.as_of + '), answered by the ' +
      'share of ' + b.runs + ' runs in which it holds. Scores: lower is better; the baselines use no model.');
    for (const w of b.warnings || []) s.appendChild(el('p', { class: 'error', text: 'Warning: ' + w }));
    s.appendChild(table([{ title: 'question', value: (r) => r.question }, { title: 'happened', value: (r) => (r.happened ? 'yes' : 'no') },
      { title: 'detente', value: (r) => pct(r.probability), numeric: true },
      { title: '95% (Wilson)', value: (r) => pct(r.wilson_95[0]) + ' – ' + pct(r.wilson_95[1]), numeric: true }], b.questions));
    s.appendChild(el('h3', { text: 'Scores' }));
    const score = (x) => (x === 'inf' ? '∞' : num(x));
    s.appendChild(table([{ title: 'forecaster', value: (r) => r.forecaster },
      { title: 'Brier', value: (r) => score(r.brier), numeric: true }, { title: 'log (nats)', value: (r) => score(r.log), numeric: true },
      { title: 'RPS, agreement date', value: (r) => (r.rps === null ? '–' : score(r.rps)), numeric: true },
      { title: 'sharpness', value: (r) => num(r.sharpness), numeric: true }], b.scores));
    if (b.not_scored && b.not_scored.length) {
      s.appendChild(el('h3', { text: 'Listed in the timeline, not scored' }));
      s.appendChild(table([{ title: 'date', value: (r) => r.date }, { title: 'entry', value: (r) => r.id + ' (' + r.kind + ')' },
        { title: 'why', value: (r) => r.reason }], b.not_scored));
    }
  }
  if (doc.rolling_origin && doc.rolling_origin.length) {
    const real = doc.real_dates || [];
    const s = section('rolling', 'The forecast as the talks went on (rolling origin)',
      'At each origin date, the share of the runs still open then (as the real talks were) that reach an agreement by each ' +
      'date. Solid rule: the real agreement.');
    chart(s, 'rolling-origin', {
      width: WIDTH, height: 300,
      layer: [
        { data: { values: doc.rolling_origin }, mark: { type: 'line', point: true, strokeWidth: 2 },
          encoding: { x: { field: 'origin', type: 'temporal', title: 'forecast made on' },
            y: { field: 'p', type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%' }, title: 'P(agreement by date)' },
            color: { field: 'by', type: 'nominal', title: 'agreement by' },
            tooltip: [{ field: 'origin', type: 'temporal' }, { field: 'by' }, { field: 'p', format: '.1%' }, { field: 'runs', title: 'runs still open' }] } },
      ].concat(real.length === 0 ? [] : [
        { data: { values: real }, mark: { type: 'rule', color: '#333' }, encoding: { x: { field: 'date', type: 'temporal' }, tooltip: [{ field: 'label' }] } },
        { data: { values: real }, mark: { type: 'text', align: 'right', baseline: 'top', dx: -4, dy: 4, color: '#333', fontSize: 10 },
          encoding: { x: { field: 'date', type: 'temporal' }, y: { value: 0 }, text: { field: 'label' } } }]),
    });
  }

  for (const s of sections) nav.appendChild(el('a', { href: '#' + s.id, text: s.title }));

  // ------------------------------------------------------------------ render every chart
  const base = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', background: 'white',
    config: { font: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif', view: { stroke: '#ddd' }, axis: { labelFontSize: 11, titleFontSize: 11 } } };
  Promise.all(charts.map(async (c) => {
    try {
      const spec = Object.assign({}, base, c.spec, { config: Object.assign({}, base.config, c.spec.config || {}) });
      const compiled = vegaLite.compile(spec).spec;
      const view = new vega.View(vega.parse(compiled), { renderer: 'svg', container: c.node, hover: true });
      await view.runAsync();
      return true;
    } catch (error) {
      console.error('detente report: chart ' + c.name + ' failed: ' + error);
      c.node.appendChild(el('p', { class: 'error', text: 'This chart could not be drawn: ' + error }));
      return false;
    }
  })).then((results) => {
    document.documentElement.setAttribute('data-rendered', String(results.filter(Boolean).length));
    document.documentElement.setAttribute('data-charts', String(charts.length));
  });
})();

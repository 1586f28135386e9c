// Checks that the committed workflow's Schedule Trigger fires every 11 minutes, using n8n's own
// trigger functions (toCronExpression, intervalToRecurrence, recurrenceCheck) on a simulated clock.
// usage: node schedule_check.js N8N_NPM_PREFIX etl/n8n/promptsales-etl.json   (scripts/test.d/90-etl.sh)
const path = require('path');
const [, , prefix, workflowFile] = process.argv;
const base = path.join(prefix, 'node_modules/n8n-nodes-base/dist/nodes/Schedule/GenericFunctions.js');
const g = require(base);
const moment = require(require.resolve('moment-timezone', { paths: [path.dirname(base)] }));
const wf = require(path.resolve(workflowFile));
const node = wf.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger');
const interval = node.parameters.rule.interval[0];
const cron = g.toCronExpression(interval, node.id);
const rec = g.intervalToRecurrence(interval, 0);
const fields = cron.split(' ');
if (fields[1] !== '*') throw new Error(`cron ${cron}: expected a per-minute cron for 11 minutes`);
const rules = [];
const start = Date.UTC(2025, 10, 1, 5, 57, 0);
const fired = [];
for (let m = 0; m < 24 * 60; m++) {
  const t = start + m * 60000;
  moment.now = () => t;
  if (g.recurrenceCheck(rec, rules, 'UTC')) fired.push(t);
}
const gaps = new Set(fired.slice(1).map((t, i) => (t - fired[i]) / 60000));
if (gaps.size !== 1 || !gaps.has(11)) throw new Error(`gaps ${[...gaps]}`);
console.log(`ok   schedule (n8n's own trigger code, simulated clock over 24 h): cron "${cron}", ${fired.length} runs, every gap 11 min, across hour boundaries`);

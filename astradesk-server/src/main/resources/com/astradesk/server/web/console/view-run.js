// Run an agent and watch its stream: plan, steps (with approvals followed until decided), answer, sources.

import { h, replace, pretty, field, uid } from "./dom.js";
import { api, streamRun } from "./api.js";
import { t } from "./i18n.js";

let current = null; // the run being shown: survives re-rendering (language switch)

function badge(status) {
  return h("span", { class: `badge status-${String(status).replace(/[^a-z_]/g, "")}` }, t(`status.${status}`));
}

export function runView(ctx) {
  const agentSelect = h(
    "select",
    { id: "run-agent", name: "agent" },
    ...ctx.agents.map((a) => h("option", { value: a.name, selected: current && current.agent === a.name }, a.name)),
  );
  const input = h("textarea", { id: "run-input", name: "input", rows: "3", required: true, maxlength: "8000" });
  if (current) input.value = current.input;
  const output = h("div", { id: "run-output", class: "run-output" });
  const form = h(
    "form",
    {
      id: "run-form",
      onsubmit: (e) => {
        e.preventDefault();
        start(agentSelect.value, input.value, output, ctx);
      },
    },
    field(t("run.agent"), agentSelect),
    field(t("run.input"), input),
    h("button", { type: "submit", id: "run-submit" }, t("run.submit")),
  );
  if (current) renderRun(output);
  return [h("h2", { tabindex: "-1" }, t("run.title")), form, output];
}

async function start(agent, input, output, ctx) {
  if (current && current.abort) current.abort.abort();
  stopPolls();
  const abort = new AbortController();
  current = { agent, input, state: "running", plan: null, steps: [], answer: "", done: null, error: null, abort, approvals: {} };
  renderRun(output);
  ctx.announce(t("run.running"));
  try {
    await streamRun(
      agent,
      input,
      (name, data) => {
        onEvent(name, data);
        renderRun(output);
      },
      abort.signal,
    );
    if (current.state === "running") current.state = current.done ? "done" : "failed";
  } catch (e) {
    if (e.name === "AbortError") return;
    current.state = "failed";
    current.error = e.problem || { detail: e.message };
  }
  renderRun(output);
  ctx.announce(current.state === "failed" ? t("run.failed", { detail: detailOf(current.error) }) : t("run.done"));
}

function detailOf(problem) {
  return (problem && (problem.detail || problem.title || problem.code)) || "?";
}

function onEvent(name, data) {
  switch (name) {
    case "run.started":
      current.runId = data.run_id;
      break;
    case "plan":
      current.plan = data;
      break;
    case "step":
      current.steps.push(data);
      if (data.status === "pending_approval" && data.approval_id) follow(data.approval_id);
      break;
    case "answer.delta":
      current.answer += data.text || "";
      break;
    case "run.completed":
      current.done = data;
      current.state = data.status === "pending_approval" ? "pending" : "done";
      if (typeof data.output === "string") current.answer = data.output;
      break;
    case "error":
      current.error = data;
      current.state = "failed";
      break;
    default:
      break;
  }
}

// a pending approval is polled until it is decided, so the requester sees the outcome
const polls = new Set();
function stopPolls() {
  polls.forEach((id) => clearTimeout(id));
  polls.clear();
}

function follow(approvalId) {
  const run = current;
  const tick = async () => {
    if (current !== run) return;
    try {
      const body = await api(`/v1/approvals/${encodeURIComponent(approvalId)}`);
      run.approvals[approvalId] = body.approval;
      const out = document.getElementById("run-output");
      if (out && current === run) renderRun(out);
      if (body.approval.status !== "pending" && !(body.approval.status === "approved" && !body.approval.executed_at)) return;
    } catch (e) {
      // keep trying: the approval may not be readable yet
    }
    const id = setTimeout(tick, 1500);
    polls.add(id);
  };
  tick();
}

function renderRun(output) {
  const run = current;
  const done = run.done || {};
  const degraded = done.degraded || (run.plan && run.plan.degraded);
  const reason = done.degraded_reason || (run.plan && run.plan.degraded_reason);
  const stateText =
    run.state === "running" ? t("run.running") : run.state === "pending" ? t("run.pending") : run.state === "failed" ? t("run.failed", { detail: detailOf(run.error) }) : t("run.done");
  replace(
    output,
    h(
      "p",
      { class: `run-state state-${run.state}`, id: "run-state" },
      stateText,
      run.runId ? h("span", { class: "muted" }, " · ", t("run.runId", { id: run.runId })) : null,
    ),
    degraded ? h("p", { class: "badge degraded", id: "run-degraded" }, t("run.degraded"), reason ? `: ${reason}` : "") : null,
    planSection(run.plan),
    run.steps.length ? stepsSection(run) : null,
    run.answer || run.done ? answerSection(run) : null,
  );
}

function planSection(plan) {
  if (!plan) return null;
  const steps = plan.steps || [];
  return h(
    "section",
    { class: "plan", "aria-labelledby": "plan-h" },
    h("h3", { id: "plan-h" }, t("run.plan")),
    plan.clarification ? h("p", {}, t("run.clarification", { text: plan.clarification })) : null,
    steps.length
      ? h("ol", {}, ...steps.map((s) => h("li", {}, h("code", {}, s.tool), " ", h("span", { class: "muted" }, JSON.stringify(s.args || {})))))
      : h("p", { class: "muted" }, t("run.noPlan")),
  );
}

function stepsSection(run) {
  return h(
    "section",
    { class: "steps", "aria-labelledby": "steps-h" },
    h("h3", { id: "steps-h" }, t("run.steps")),
    h("ol", { id: "run-steps" }, ...run.steps.map((s) => stepItem(s, run))),
  );
}

function stepItem(step, run) {
  const approval = step.approval_id ? run.approvals[step.approval_id] : null;
  return h(
    "li",
    { class: "step", "data-status": step.status, "data-tool": step.tool },
    h("div", { class: "step-head" }, h("code", {}, step.tool), " ", badge(step.status)),
    h("details", { open: true }, h("summary", {}, t("run.args")), pretty(step.args)),
    step.result !== undefined ? h("details", { open: true, class: "result" }, h("summary", {}, t("run.result")), pretty(step.result)) : null,
    step.error ? h("p", { class: "error" }, t("run.error"), ": ", String(step.error)) : null,
    step.required_roles ? h("p", { class: "muted" }, t("run.requiredRoles", { roles: step.required_roles.join(", ") })) : null,
    step.approval_id ? h("p", { class: "muted" }, t("run.approvalId", { id: step.approval_id })) : null,
    approval ? approvalOutcome(approval) : null,
  );
}

function approvalOutcome(a) {
  return h(
    "p",
    { class: "approval-outcome", "data-approval-status": a.status, "data-executed": a.executed_at ? "true" : "false" },
    t("run.approvalState", { status: t(`status.${a.status}`) }),
    a.decided_by ? ` · ${t("run.approvalBy", { who: a.decided_by })}` : "",
    a.reason ? ` · ${t("run.approvalReason", { reason: a.reason })}` : "",
    a.executed_at ? ` · ${t("run.approvalExecuted", { at: new Date(a.executed_at).toLocaleString() })}` : "",
  );
}

function answerSection(run) {
  const citations = (run.done && run.done.citations) || [];
  const prefix = uid("cite");
  return h(
    "section",
    { class: "answer", "aria-labelledby": "answer-h", id: "answer" },
    h("h3", { id: "answer-h" }, t("run.answer")),
    h("div", { class: "answer-text", id: "run-answer" }, run.answer),
    citations.length
      ? h(
          "div",
          { class: "sources" },
          h("h4", {}, t("run.sources")),
          h(
            "ol",
            { id: "run-citations" },
            ...citations.map((c, i) =>
              h(
                "li",
                {},
                h("a", { href: `#${prefix}-${i}`, class: "citation" }, t("run.source", { source: c.source, chunk: c.chunk, score: Number(c.score).toFixed(2) })),
              ),
            ),
          ),
          ...citations.map((c, i) =>
            h(
              "figure",
              { id: `${prefix}-${i}`, class: "source-text", tabindex: "-1" },
              h("figcaption", {}, t("run.sourceText", { source: c.source, chunk: c.chunk })),
              h("blockquote", {}, c.text || ""),
              h("a", { href: "#answer" }, t("run.backToAnswer")),
            ),
          ),
        )
      : null,
  );
}

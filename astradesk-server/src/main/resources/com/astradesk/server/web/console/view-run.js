// Run an agent and watch its stream: plan, steps (with approvals followed until decided), answer, sources. Runs
// continue the current conversation (its earlier turns shown above); the caller's conversations are listed below
// and any of them can be resumed.

import { h, replace, pretty, field, uid } from "./dom.js";
import { api, streamRun } from "./api.js";
import { t } from "./i18n.js";

let current = null; // the run being shown: survives re-rendering (language switch)
let conversation = null; // {id, turns[{agent, input, output}]}: the conversation the next run continues
let listing = null; // {items[], next, error}: the caller's conversations, newest first

/** Forgets the conversation state (on sign-out, so the next user starts clean). */
export function resetRunView() {
  if (current && current.abort) current.abort.abort();
  stopPolls();
  current = null;
  conversation = null;
  listing = null;
}

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
  const output = h("div", { id: "run-output", class: "run-output", "aria-live": "off" });
  const bar = h("section", { id: "conversation", class: "conversation", "aria-labelledby": "conversation-h" });
  const list = h("section", { id: "conversations", class: "conversations", "aria-labelledby": "conversations-h" });
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
  renderConversation(bar, ctx);
  renderList(list, ctx);
  if (!listing) loadList(ctx, false);
  return [h("h2", { tabindex: "-1" }, t("run.title")), bar, form, output, list];
}

function renderConversation(bar, ctx) {
  if (!conversation) {
    replace(bar, h("h3", { id: "conversation-h", class: "visually-hidden" }, t("conv.current")), h("p", { class: "muted", id: "conversation-state" }, t("conv.new")));
    return;
  }
  const earlier = conversation.turns;
  replace(
    bar,
    h("h3", { id: "conversation-h" }, t("conv.current")),
    h(
      "p",
      { id: "conversation-state", "data-conversation-id": conversation.id },
      t("conv.continuing", { id: conversation.id, n: String(earlier.length) }),
      " ",
      h(
        "button",
        {
          type: "button",
          id: "conversation-new",
          class: "secondary",
          onclick: () => {
            conversation = null;
            current = null;
            stopPolls();
            ctx.refresh();
            ctx.announce(t("conv.started"));
            focusInput();
          },
        },
        t("conv.newButton"),
      ),
    ),
    earlier.length
      ? h(
          "ol",
          { id: "conversation-history", class: "history" },
          ...earlier.map((turn) =>
            h(
              "li",
              { class: "turn" },
              h("p", { class: "turn-input" }, h("span", { class: "who" }, t("conv.you")), " ", turn.input),
              h("p", { class: "turn-output" }, h("span", { class: "who" }, t("conv.agent", { agent: turn.agent })), " ", turn.output),
            ),
          ),
        )
      : null,
  );
}

function focusInput() {
  const box = document.getElementById("run-input");
  if (box) box.focus();
}

async function loadList(ctx, more) {
  const cursor = more && listing && listing.next ? `&cursor=${encodeURIComponent(listing.next)}` : "";
  try {
    const body = await api(`/v1/conversations?limit=10${cursor}`);
    const items = more && listing ? listing.items.concat(body.conversations) : body.conversations;
    listing = { items, next: body.next_cursor, error: null };
  } catch (e) {
    listing = { items: (listing && listing.items) || [], next: null, error: e.message };
  }
  const el = document.getElementById("conversations");
  if (el) renderList(el, ctx);
}

function renderList(el, ctx) {
  const items = listing ? listing.items : [];
  replace(
    el,
    h("h3", { id: "conversations-h" }, t("conv.list")),
    listing && listing.error ? h("p", { class: "error" }, t("conv.listFailed", { detail: listing.error })) : null,
    !listing ? h("p", { class: "muted" }, t("conv.loading")) : items.length === 0 ? h("p", { class: "muted", id: "conversations-empty" }, t("conv.none")) : null,
    items.length
      ? h(
          "ul",
          { id: "conversation-list", class: "conversation-list" },
          ...items.map((c) =>
            h(
              "li",
              { "data-conversation-id": c.conversation_id, "aria-current": conversation && conversation.id === c.conversation_id ? "true" : null },
              h(
                "button",
                { type: "button", class: "resume secondary", onclick: () => resume(c.conversation_id, ctx) },
                t("conv.resume", { title: c.title }),
              ),
              h(
                "span",
                { class: "muted" },
                " ",
                t("conv.meta", { agent: c.agent, turns: String(c.turns), at: new Date(c.last_activity_at).toLocaleString() }),
              ),
            ),
          ),
        )
      : null,
    listing && listing.next
      ? h("button", { type: "button", id: "conversations-more", class: "secondary", onclick: () => loadList(ctx, true) }, t("conv.more"))
      : null,
  );
}

async function resume(id, ctx) {
  try {
    const body = await api(`/v1/conversations/${encodeURIComponent(id)}`);
    const turns = (body.turns || []).map((turn) => ({ agent: turn.agent, input: turn.input, output: turn.output }));
    if (current && current.abort) current.abort.abort();
    stopPolls();
    current = null;
    conversation = { id: body.conversation_id, turns, agent: turns.length ? turns[turns.length - 1].agent : null };
    ctx.refresh();
    if (conversation.agent) {
      const select = document.getElementById("run-agent");
      if (select && [...select.options].some((o) => o.value === conversation.agent)) select.value = conversation.agent;
    }
    focusInput();
    ctx.announce(t("conv.resumed", { n: String(turns.length) }));
  } catch (e) {
    ctx.announce(t("conv.resumeFailed", { detail: e.message }));
  }
}

async function start(agent, input, output, ctx) {
  if (current && current.abort) current.abort.abort();
  stopPolls();
  // the run shown so far becomes an earlier turn of the conversation the new run continues
  if (current && conversation && current.conversationId === conversation.id && current.state !== "failed") {
    conversation.turns.push({ agent: current.agent, input: current.input, output: current.answer });
  }
  const abort = new AbortController();
  current = { agent, input, state: "running", plan: null, steps: [], answer: "", done: null, error: null, abort, approvals: {} };
  renderRun(output);
  const bar = document.getElementById("conversation");
  if (bar) renderConversation(bar, ctx);
  ctx.announce(t("run.running"));
  try {
    await streamRun(
      agent,
      input,
      conversation ? conversation.id : null,
      (name, data) => {
        onEvent(name, data);
        if (name === "run.started" && data.conversation_id && (!conversation || conversation.id !== data.conversation_id)) {
          conversation = { id: data.conversation_id, turns: [], agent };
          if (bar) renderConversation(bar, ctx);
        }
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
  ctx.announce(current.state === "failed" ? t("run.failed", { detail: detailOf(current.error) }) : stateText(current));
  loadList(ctx, false);
}

function detailOf(problem) {
  return (problem && (problem.detail || problem.title || problem.code)) || "?";
}

function onEvent(name, data) {
  switch (name) {
    case "run.started":
      current.runId = data.run_id;
      current.conversationId = data.conversation_id;
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
      // an approval decided while the stream was still open has already settled its step
      current.state = data.status === "pending_approval" && current.steps.some((s) => s.status === "pending_approval") ? "pending" : "done";
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
      const decided = settle(run, approvalId, body.approval);
      const out = document.getElementById("run-output");
      if (out && current === run) renderRun(out);
      if (decided) {
        const status = document.getElementById("status");
        if (status && current === run) replace(status, stateText(run));
        return;
      }
    } catch (e) {
      // keep trying: the approval may not be readable yet
    }
    const id = setTimeout(tick, 1500);
    polls.add(id);
  };
  tick();
}

// how long after an approved step ran its result is still awaited (the server keeps it once the tool returns)
const RESULT_WAIT_MS = 5 * 60 * 1000;

/** Whether an approved step has run and its result is kept, or will not come any more. */
function ranToEnd(approval) {
  if (approval.status !== "approved" || !approval.executed_at) return false;
  return Boolean(approval.result) || Date.now() - Date.parse(approval.executed_at) > RESULT_WAIT_MS;
}

/**
 * Applies a decided approval to its step (approved and run: the step's kept result and status; rejected; expired)
 * and, once no step of the run waits any more, to the run's state. Returns whether the approval is final (nothing
 * more to poll).
 */
function settle(run, approvalId, approval) {
  const final = approval.status === "rejected" || approval.status === "expired" || ranToEnd(approval);
  if (!final) return false;
  run.steps
    .filter((s) => s.approval_id === approvalId)
    .forEach((s) => {
      if (approval.status !== "approved") {
        s.status = approval.status;
        return;
      }
      const r = approval.result;
      s.status = r ? r.status : "ok";
      if (r && r.data !== undefined) s.result = r.data;
      if (r && r.error) s.error = r.error;
    });
  if (run.state === "pending" && !run.steps.some((s) => s.status === "pending_approval")) {
    const decided = Object.values(run.approvals);
    run.state = decided.some((a) => a.status === "rejected") ? "rejected" : decided.some((a) => a.status === "expired") ? "expired" : "approved";
  }
  return true;
}

function stateText(run) {
  const last = Object.values(run.approvals).filter((a) => a.status !== "pending").pop();
  switch (run.state) {
    case "running":
      return t("run.running");
    case "pending":
      return t("run.pending");
    case "failed":
      return t("run.failed", { detail: detailOf(run.error) });
    case "approved":
      return t("run.approvedDone", { who: (last && last.decided_by) || "?" });
    case "rejected":
      return t("run.rejected", { who: (last && last.decided_by) || "?", reason: (last && last.reason) || t("run.noReason") });
    case "expired":
      return t("run.expired");
    default:
      return t("run.done");
  }
}

function renderRun(output) {
  const run = current;
  const done = run.done || {};
  const degraded = done.degraded || (run.plan && run.plan.degraded);
  const reason = done.degraded_reason || (run.plan && run.plan.degraded_reason);
  replace(
    output,
    h(
      "p",
      { class: `run-state state-${run.state}`, id: "run-state", "data-state": run.state },
      stateText(run),
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
    a.result && a.result.summary ? h("span", { class: "approval-result" }, ` · ${t("run.approvalResult", { summary: a.result.summary })}`) : "",
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

// The approvals inbox: pending steps with requester, tool, arguments and age; approve or reject with a reason.

import { h, replace, pretty, field, uid } from "./dom.js";
import { api } from "./api.js";
import { t } from "./i18n.js";

export function age(createdAt, now = Date.now()) {
  const s = Math.max(0, Math.round((now - Date.parse(createdAt)) / 1000));
  if (s < 60) return t("age.seconds", { n: s });
  if (s < 3600) return t("age.minutes", { n: Math.floor(s / 60) });
  return t("age.hours", { n: Math.floor(s / 3600) });
}

export function approvalsView(ctx) {
  const list = h("div", { id: "approvals-list" }, h("p", { class: "muted" }, t("loading")));
  const refresh = () => load(list, ctx);
  refresh();
  return [
    h("h2", { tabindex: "-1" }, t("approvals.title")),
    h("button", { type: "button", id: "approvals-refresh", onclick: refresh }, t("approvals.refresh")),
    list,
  ];
}

async function load(list, ctx) {
  try {
    const body = await api("/v1/approvals");
    if (!body.approvals.length) {
      replace(list, h("p", { id: "approvals-empty" }, t("approvals.none")));
      return;
    }
    replace(list, ...body.approvals.map((a) => card(a, ctx)));
  } catch (e) {
    replace(list, h("p", { class: "error" }, t("error", { detail: e.message })));
  }
}

function card(a, ctx) {
  const reasonId = uid("reason");
  const reason = h("input", { id: reasonId, type: "text", maxlength: "500", name: "reason" });
  const outcome = h("p", { class: "outcome", "aria-live": "polite" });
  const decide = async (decision, buttons) => {
    buttons.forEach((b) => (b.disabled = true));
    try {
      const body = await api(`/v1/approvals/${encodeURIComponent(a.id)}`, {
        method: "POST",
        body: { decision, reason: reason.value },
      });
      const text = decision === "approve" ? t("approvals.approved", { status: t(`status.${body.step.status}`) }) : t("approvals.rejected");
      replace(outcome, text, body.step && body.step.result !== undefined ? pretty(body.step.result) : null);
      outcome.dataset.decided = decision;
      ctx.announce(text);
    } catch (e) {
      buttons.forEach((b) => (b.disabled = false));
      replace(outcome, t("approvals.failed", { detail: e.message }));
    }
  };
  const approve = h("button", { type: "button", class: "approve" }, t("approvals.approve"));
  const reject = h("button", { type: "button", class: "reject" }, t("approvals.reject"));
  approve.addEventListener("click", () => decide("approve", [approve, reject]));
  reject.addEventListener("click", () => decide("reject", [approve, reject]));
  return h(
    "article",
    { class: "approval card", "data-approval-id": a.id },
    h(
      "dl",
      {},
      h("dt", {}, t("approvals.requester")),
      h("dd", { class: "requester" }, a.requested_by),
      h("dt", {}, t("approvals.tool")),
      h("dd", {}, h("code", {}, a.tool)),
      h("dt", {}, t("run.args")),
      h("dd", {}, pretty(a.args)),
      h("dt", {}, t("approvals.age")),
      h("dd", { title: a.created_at }, age(a.created_at)),
    ),
    field(t("approvals.reason"), reason),
    h("div", { class: "actions" }, approve, reject),
    outcome,
  );
}

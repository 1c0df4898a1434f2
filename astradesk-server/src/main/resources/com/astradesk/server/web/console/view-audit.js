// The audit trail for auditors: filters, a page of records newest first with their chain status, older pages.

import { h, replace, pretty, field } from "./dom.js";
import { api } from "./api.js";
import { t } from "./i18n.js";

const DECISIONS = ["allowed", "denied", "error", "pending"];

export function auditView(ctx) {
  const text = (id) => h("input", { id, name: id.replace("audit-", ""), type: "text", maxlength: "256" });
  const actor = text("audit-actor");
  const action = text("audit-action");
  const tool = text("audit-tool");
  const decision = h(
    "select",
    { id: "audit-decision", name: "decision" },
    h("option", { value: "" }, t("audit.anyDecision")),
    ...DECISIONS.map((d) => h("option", { value: d }, d)),
  );
  const from = h("input", { id: "audit-from", type: "datetime-local", step: "1" });
  const to = h("input", { id: "audit-to", type: "datetime-local", step: "1" });
  const limit = h("input", { id: "audit-limit", type: "number", min: "1", max: "200", value: "50" });
  const results = h("div", { id: "audit-results" });
  const query = () => {
    const q = new URLSearchParams();
    [["actor", actor], ["action", action], ["tool", tool], ["decision", decision]].forEach(([k, el]) => {
      if (el.value.trim()) q.set(k, el.value.trim());
    });
    if (from.value) q.set("from", new Date(from.value).toISOString());
    if (to.value) q.set("to", new Date(to.value).toISOString());
    if (limit.value) q.set("limit", limit.value);
    return q;
  };
  const form = h(
    "form",
    {
      id: "audit-form",
      class: "filters",
      onsubmit: (e) => {
        e.preventDefault();
        replace(results);
        load(query(), results, ctx);
      },
    },
    field(t("audit.actor"), actor),
    field(t("audit.action"), action),
    field(t("audit.decision"), decision),
    field(t("audit.tool"), tool),
    field(t("audit.from"), from),
    field(t("audit.to"), to),
    field(t("audit.limit"), limit),
    h("button", { type: "submit", id: "audit-submit" }, t("audit.search")),
  );
  load(query(), results, ctx);
  return [h("h2", { tabindex: "-1" }, t("audit.title")), form, results];
}

async function load(params, results, ctx) {
  const more = results.querySelector(".more");
  if (more) more.remove();
  try {
    const page = await api(`/v1/audit?${params}`);
    results.appendChild(chainSummary(page.chain));
    if (!page.records.length) {
      results.appendChild(h("p", {}, t("audit.none")));
      return;
    }
    results.appendChild(table(page.records));
    if (page.next_cursor) {
      const next = new URLSearchParams(params);
      next.set("cursor", page.next_cursor);
      results.appendChild(
        h("button", { type: "button", class: "more", id: "audit-older", onclick: () => load(next, results, ctx) }, t("audit.older")),
      );
    }
  } catch (e) {
    results.appendChild(h("p", { class: "error", id: "audit-error" }, t("error", { detail: e.message })));
  }
}

function chainSummary(chain) {
  const ok = chain.status === "verified";
  return h(
    "p",
    { class: `badge chain-${ok ? "verified" : "broken"}`, "data-chain": chain.status },
    ok ? t("audit.chainVerified", { n: chain.checked }) : t("audit.chainBroken", { id: chain.first_broken_event_id }),
  );
}

function table(records) {
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("audit.title") },
    h(
      "table",
      { class: "audit" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...["audit.time", "audit.actor", "audit.action", "audit.tool", "audit.decision", "audit.chain", "audit.details"].map((k) =>
            h("th", { scope: "col" }, t(k)),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        ...records.map((r) =>
          h(
            "tr",
            { "data-action": r.action, "data-chain": r.chain },
            h("td", {}, h("time", { datetime: r.ts }, new Date(r.ts).toLocaleString())),
            h("td", {}, r.actor),
            h("td", {}, r.action),
            h("td", {}, r.tool || ""),
            h("td", {}, h("span", { class: `badge decision-${r.decision}` }, r.decision)),
            h("td", {}, h("span", { class: `badge chain-${r.chain}` }, r.chain)),
            h("td", {}, h("details", {}, h("summary", {}, t("audit.details")), pretty({ args: r.args, run_id: r.run_id, request_id: r.request_id, event_id: r.event_id, hash: r.hash }))),
          ),
        ),
      ),
    ),
  );
}

// For kb.admin: add or replace a document of the knowledge base, with the groups that may read it.

import { h, replace, field } from "./dom.js";
import { api } from "./api.js";
import { names } from "./auth.js";
import { t } from "./i18n.js";

export function knowledgeView(ctx) {
  const source = h("input", { id: "kb-source", type: "text", required: true, maxlength: "512" });
  const content = h("textarea", { id: "kb-content", rows: "10", required: true });
  const acl = h("input", { id: "kb-acl", type: "text" });
  const result = h("p", { id: "kb-result", "aria-live": "polite" });
  const form = h(
    "form",
    {
      id: "kb-form",
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const body = await api("/v1/documents", {
            method: "POST",
            body: { source: source.value, content: content.value, acl: names(acl.value) },
          });
          const text = t("knowledge.done", {
            source: body.source,
            status: body.status,
            chunks: body.chunks_written,
            acl: body.acl.length ? body.acl.join(", ") : t("knowledge.everyone"),
          });
          replace(result, text);
          ctx.announce(text);
        } catch (err) {
          replace(result, t("error", { detail: err.message }));
        }
      },
    },
    field(t("knowledge.source"), source),
    field(t("knowledge.content"), content),
    field(t("knowledge.acl"), acl),
    h("button", { type: "submit", id: "kb-submit" }, t("knowledge.submit")),
  );
  return [h("h2", { tabindex: "-1" }, t("knowledge.title")), form, result];
}

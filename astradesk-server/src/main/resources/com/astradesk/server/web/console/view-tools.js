// The tools the caller may use, with their side effects and required roles.

import { h, replace } from "./dom.js";
import { api } from "./api.js";
import { t } from "./i18n.js";

export function toolsView() {
  const list = h("div", { id: "tools-list" }, h("p", { class: "muted" }, t("loading")));
  api("/v1/tools")
    .then((body) => {
      if (!body.tools.length) return replace(list, h("p", {}, t("tools.none")));
      return replace(
        list,
        h(
          "ul",
          { class: "cards" },
          ...body.tools.map((tool) =>
            h(
              "li",
              { class: "card tool", "data-tool": tool.name },
              h("h3", {}, h("code", {}, tool.name)),
              h("p", {}, tool.description),
              h(
                "dl",
                {},
                h("dt", {}, t("tools.sideEffect")),
                h("dd", {}, tool.side_effect),
                h("dt", {}, t("tools.roles")),
                h("dd", {}, tool.allowed_roles.length ? tool.allowed_roles.join(", ") : t("tools.anyone")),
              ),
            ),
          ),
        ),
      );
    })
    .catch((e) => replace(list, h("p", { class: "error" }, t("error", { detail: e.message }))));
  return [h("h2", { tabindex: "-1" }, t("tools.title")), list];
}

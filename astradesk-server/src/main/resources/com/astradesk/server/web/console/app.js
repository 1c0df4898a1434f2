// The AstraDesk console: sign-in, then the sections the caller's roles open. No framework, no build step.

import { h, replace, field } from "./dom.js";
import { api } from "./api.js";
import { caller, completeOidc, loadConfig, signInWithDevToken, signOut, startOidc } from "./auth.js";
import { languages, lang, setLang, t } from "./i18n.js";
import { runView, resetRunView } from "./view-run.js";
import { approvalsView } from "./view-approvals.js";
import { auditView } from "./view-audit.js";
import { toolsView } from "./view-tools.js";
import { knowledgeView } from "./view-knowledge.js";

const SECTIONS = [
  { id: "run", label: "nav.run", view: runView },
  { id: "approvals", label: "nav.approvals", view: approvalsView, role: "approver" },
  { id: "audit", label: "nav.audit", view: auditView, role: "auditor" },
  { id: "tools", label: "nav.tools", view: toolsView },
  { id: "knowledge", label: "nav.knowledge", view: knowledgeView, role: "kb.admin" },
];

const state = { config: null, section: "run", agents: [], message: null };

const ctx = {
  get agents() {
    return state.agents;
  },
  announce(text) {
    replace(document.getElementById("status"), text);
  },
  refresh() {
    render();
  },
};

function render(focus = false) {
  document.title = t("app.title");
  replace(document.getElementById("skip"), t("skip"));
  renderHeader();
  const main = document.getElementById("main");
  const who = caller();
  if (!who) {
    replace(main, ...signInView());
  } else {
    const section = SECTIONS.find((s) => s.id === state.section) || SECTIONS[0];
    replace(
      main,
      ...(section.role && !who.roles.includes(section.role)
        ? [h("p", { class: "error" }, t("forbidden", { role: section.role }))]
        : section.view(ctx)),
    );
  }
  if (focus) {
    const heading = main.querySelector("h2");
    if (heading) heading.focus();
  }
}

function renderHeader() {
  const who = caller();
  const select = h(
    "select",
    { id: "lang", onchange: (e) => { setLang(e.target.value); render(); } },
    ...languages.map(([code, name]) => h("option", { value: code, selected: code === lang() }, name)),
  );
  const nav = who
    ? h(
        "nav",
        { "aria-label": t("nav.label") },
        h(
          "ul",
          {},
          ...SECTIONS.filter((s) => !s.role || who.roles.includes(s.role)).map((s) =>
            h(
              "li",
              {},
              h(
                "button",
                {
                  type: "button",
                  id: `nav-${s.id}`,
                  "aria-current": s.id === state.section ? "page" : null,
                  onclick: () => {
                    state.section = s.id;
                    render(true);
                  },
                },
                t(s.label),
              ),
            ),
          ),
        ),
      )
    : null;
  const session = who
    ? h(
        "div",
        { class: "session", id: "session" },
        h("span", { id: "session-who" }, t("session.as", { sub: who.sub })),
        " ",
        h("span", { class: "muted" }, who.roles.length ? t("session.roles", { roles: who.roles.join(", ") }) : t("session.noRoles")),
        " ",
        h(
          "button",
          {
            type: "button",
            id: "sign-out",
            onclick: () => {
              signOut();
              resetRunView();
              state.section = "run";
              render(true);
            },
          },
          t("session.signOut"),
        ),
      )
    : null;
  replace(
    document.getElementById("header"),
    h("h1", {}, t("app.title")),
    nav,
    session,
    h("div", { class: "lang" }, field(t("lang.label"), select)),
  );
}

function signInView() {
  const mode = state.config ? state.config.sign_in : "none";
  const out = [h("h2", { tabindex: "-1" }, t("signin.title"))];
  if (state.message) out.push(h("p", { class: "error", id: "signin-error" }, state.message));
  if (mode === "dev_token") {
    const sub = h("input", { id: "signin-sub", type: "text", required: true, maxlength: "256", autocomplete: "username" });
    const roles = h("input", { id: "signin-roles", type: "text", "aria-describedby": "signin-roles-hint" });
    const groups = h("input", { id: "signin-groups", type: "text" });
    out.push(
      h("p", { class: "muted" }, t("signin.dev")),
      h(
        "form",
        {
          id: "signin-form",
          onsubmit: async (e) => {
            e.preventDefault();
            try {
              await signInWithDevToken(sub.value.trim(), roles.value, groups.value);
              state.message = null;
              await afterSignIn();
            } catch (err) {
              state.message = t("signin.failed", { detail: err.message });
              render(true);
            }
          },
        },
        field(t("signin.subject"), sub),
        field(t("signin.roles"), roles, t("signin.rolesHint")),
        field(t("signin.groups"), groups),
        h("button", { type: "submit", id: "signin-submit" }, t("signin.submit")),
      ),
    );
  } else if (mode === "oidc") {
    out.push(
      h("p", {}, t("signin.oidc")),
      h(
        "button",
        {
          type: "button",
          id: "signin-oidc",
          onclick: () =>
            startOidc(state.config).catch((err) => {
              state.message = t("signin.failed", { detail: err.message });
              render(true);
            }),
        },
        t("signin.oidcButton"),
      ),
    );
  } else {
    out.push(h("p", {}, t("signin.none")));
  }
  return out;
}

async function afterSignIn() {
  try {
    state.agents = (await api("/v1/agents")).agents || [];
  } catch (e) {
    state.agents = [];
  }
  state.section = "run";
  render(true);
}

async function main() {
  setLang(lang());
  try {
    state.config = await loadConfig();
    if (state.config.sign_in === "oidc" && (await completeOidc(state.config))) {
      await afterSignIn();
      return;
    }
  } catch (e) {
    state.message = t("signin.failed", { detail: e.message });
  }
  render();
}

main();

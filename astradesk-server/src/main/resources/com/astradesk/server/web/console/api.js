// Calls to this server only (same origin). The bearer token lives in this module's memory: never in storage.

let token = null;

export function setToken(value) {
  token = value;
}

export function currentToken() {
  return token;
}

/** A problem+json answer (or a network failure) as an Error with the problem's members. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function headers(extra) {
  const h = { Accept: "application/json", ...extra };
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch (e) {
    return { title: response.statusText, status: response.status, code: "http_" + response.status };
  }
}

/** GET or POST JSON; resolves to the parsed body, rejects with ApiError. */
export async function api(path, { method = "GET", body } = {}) {
  const response = await fetch(path, {
    method,
    headers: headers(body === undefined ? {} : { "Content-Type": "application/json" }),
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "omit",
    cache: "no-store",
  });
  if (!response.ok && response.status !== 202) throw new ApiError(response.status, await problemOf(response));
  return response.status === 204 ? null : response.json();
}

/**
 * Runs an agent (continuing conversationId when given) with Accept: text/event-stream and hands each server-sent event to onEvent(name, data) as it
 * arrives. fetch + a stream reader, since the run is a POST (EventSource only does GET).
 */
export async function streamRun(agent, input, conversationId, onEvent, signal) {
  const body = conversationId ? { agent, input, conversation_id: conversationId } : { agent, input };
  const response = await fetch("/v1/agents/run", {
    method: "POST",
    headers: headers({ "Content-Type": "application/json", Accept: "text/event-stream" }),
    body: JSON.stringify(body),
    credentials: "omit",
    signal,
  });
  if (!response.ok || !(response.headers.get("Content-Type") || "").startsWith("text/event-stream")) {
    throw new ApiError(response.status, await problemOf(response));
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let cut;
    while ((cut = frameEnd(buffer)) >= 0) {
      const frame = buffer.slice(0, cut);
      buffer = buffer.slice(cut).replace(/^(\r?\n){2}/, "");
      dispatch(frame, onEvent);
    }
  }
  if (buffer.trim()) dispatch(buffer, onEvent);
}

function frameEnd(buffer) {
  const m = /\r?\n\r?\n/.exec(buffer);
  return m ? m.index : -1;
}

function dispatch(frame, onEvent) {
  let name = "message";
  const data = [];
  for (const line of frame.split(/\r?\n/)) {
    if (line.startsWith(":")) continue; // heartbeat comment
    if (line.startsWith("event:")) name = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  if (data.length === 0) return;
  let parsed;
  try {
    parsed = JSON.parse(data.join("\n"));
  } catch (e) {
    parsed = { text: data.join("\n") };
  }
  onEvent(name, parsed);
}

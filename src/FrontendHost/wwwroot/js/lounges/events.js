// How the lounges page's modules hear of each other, without importing each other: events on `document`.
//   'lounges:user'    detail: { user, connection, enter } — someone signed in (connection: the /hubs/chat connection;
//                     enter(lounge): enters a lounge, as GET /api/v1/lounges/{id} answers it) or out (user null)
//   'lounges:entered' detail: { lounge, connection } — a lounge was entered (lounge as GET /api/v1/lounges/{id} answers)
//   'lounges:left'    detail: { lounge }             — it was left (another entered, removed, closed, signed out)

/** Announces an event to the page's modules. */
export const announce = (name, detail) => document.dispatchEvent(new CustomEvent(`lounges:${name}`, { detail }));

/** Calls `handler(detail)` on every such event. */
export const on = (name, handler) => document.addEventListener(`lounges:${name}`, (event) => handler(event.detail));

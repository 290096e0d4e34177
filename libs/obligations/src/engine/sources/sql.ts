/** The moment a Dutch calendar day ends: a due date `d` is met by anything before `dayEnd(d)`. */
export const dayEnd = (dateSql: string): string => `((${dateSql})::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'`;

/** A booking in words: "Boodschappen op 03-03-2027 10:00". */
export const bookingSummary = (booking: string, category: string): string =>
  `${category}.name || ' op ' || to_char(lower(${booking}.during) AT TIME ZONE 'Europe/Amsterdam', 'DD-MM-YYYY HH24:MI')`;

/** The tail every discovery insert shares: a subject is an obligation once. */
export const ONCE = `ON CONFLICT ON CONSTRAINT uq_obligations_subject DO NOTHING`;

/** Obligations of one type still to be met, for the `settled` queries. */
export const UNSETTLED = (alias: string, type: string): string => `${alias}.cooperative_id = $1 AND ${alias}.type = '${type}' AND ${alias}.status IN ('open', 'overdue', 'escalated')`;

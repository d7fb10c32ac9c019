/** queries.json: the query run (every case, every attempt), written by a run whose query tier ran. */
export const QUERIES_FILE = "queries.json";
/** db_health.json: the storage health the query run recorded. */
export const DB_HEALTH_FILE = "db_health.json";

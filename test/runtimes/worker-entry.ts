// The entry for workerd: one request runs the refunds and answers their results as JSON.
import { refundBoth } from "./app.ts";

export default {
  async fetch(): Promise<Response> {
    try {
      return Response.json(await refundBoth());
    } catch (e) {
      return Response.json({ error: String(e), stack: e instanceof Error ? e.stack : undefined }, { status: 500 });
    }
  },
};

import { REGISTER_TEMPLATE_CSV } from "@/server/imports/register-template";

/** The register import template (public: it holds only headers and two fictional example rows). */
export function GET() {
  return new Response(REGISTER_TEMPLATE_CSV, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="register-template.csv"' },
  });
}

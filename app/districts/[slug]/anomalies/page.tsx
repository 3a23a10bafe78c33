// The anomaly queue with the URL's district set (the layout narrows every call to it).
export { default } from "@/app/anomalies/page";
export const dynamic = "force-dynamic";

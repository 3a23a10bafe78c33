import type { MetadataRoute } from "next";

/** Makes the camp register installable on a phone's home screen (issue 14); it opens on /camp. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Teeka Monitor — Camp register",
    short_name: "Camp register",
    description: "Record vaccinations at the camp, with or without network; they sync when the network is back.",
    start_url: "/camp",
    scope: "/camp",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#0b5394",
    icons: [{ src: "/icon.svg", sizes: "any", type: "image/svg+xml" }],
  };
}

"use client";

import { QueryClient, QueryClientProvider, type InvalidateQueryFilters } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import { retryDelayMs, shouldRetry } from "@/app/_trpc/retry";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Weak village networks: retry a couple of times, never a refusal; "busy" more often, after Retry-After.
        retry: shouldRetry,
        retryDelay: retryDelayMs,
      },
    },
  });
}

/** The request header that narrows a state officer's calls to one district (server/api/district-focus.ts). */
export const DISTRICT_HEADER = "x-teeka-district";

function makeTrpcClient(districtHeader: () => Record<string, string>) {
  return createTRPCClient<AppRouter>({
    links: [
      // Live updates arrive over server-sent events (EventSource reconnects on its own); the rest is batched.
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: "/api/trpc", transformer: superjson }),
        false: httpBatchLink({ url: "/api/trpc", transformer: superjson, headers: districtHeader }),
      }),
    ],
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() => makeTrpcClient(() => ({})));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <NuqsAdapter>{children}</NuqsAdapter>
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** The district a page under /districts/<slug>/… looks at; null elsewhere. */
export type FocusedDistrict = { slug: string; name: string; nameHi: string; stateName: string; stateNameHi: string };

const DistrictContext = createContext<FocusedDistrict | null>(null);

/** The caches of the district pages open now (one at most), so that live updates reach them too. */
const districtCaches = new Set<QueryClient>();

/** Invalidates in the app's cache and in any district page's cache below it (the same keys, another cache). */
export function invalidateEverywhere(root: QueryClient, filters?: InvalidateQueryFilters): void {
  void root.invalidateQueries(filters);
  for (const cache of districtCaches) void cache.invalidateQueries(filters);
}

export function useFocusedDistrict(): FocusedDistrict | null {
  return useContext(DistrictContext);
}

/**
 * Everything under a district's URL: every tRPC call carries the district header, the district this context
 * provides (mount it with key={slug}). The
 * queries get their own cache, because a query's key does not hold the header: the state's "summary" and one
 * district's must never be taken for each other.
 */
export function DistrictProviders({ district, children }: { district: FocusedDistrict; children: ReactNode }) {
  // Mounted per district (keyed by its slug), so the district a client was made for is the one it names.
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() => {
    const slug = district.slug;
    return makeTrpcClient(() => ({ [DISTRICT_HEADER]: slug }));
  });
  useEffect(() => {
    districtCaches.add(queryClient);
    return () => void districtCaches.delete(queryClient);
  }, [queryClient]);
  return (
    <DistrictContext.Provider value={district}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {children}
        </TRPCProvider>
      </QueryClientProvider>
    </DistrictContext.Provider>
  );
}

/** A path within the focused district ("/blocks/x" → "/districts/<slug>/blocks/x"), or the path itself outside one. */
export function useDistrictHref(): (path: string) => string {
  const slug = useFocusedDistrict()?.slug;
  return useCallback((path: string) => (slug ? `/districts/${slug}${path === "/" ? "" : path}` : path), [slug]);
}

/** A REST download within the focused district ("/api/v1/x?format=csv" → "…&district=<slug>"), unchanged outside one. */
export function useDistrictApiHref(): (href: string) => string {
  const slug = useFocusedDistrict()?.slug;
  return useCallback((href: string) => (slug ? `${href}${href.includes("?") ? "&" : "?"}district=${encodeURIComponent(slug)}` : href), [slug]);
}

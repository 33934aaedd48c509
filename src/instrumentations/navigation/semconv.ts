/** Attribute names of route-change spans (no semantic convention covers SPA routes yet). */
export const ROUTE_ATTRIBUTES = {
  from: 'route.from.url',
  to: 'route.to.url',
  template: 'route.template',
  trigger: 'route.trigger',
} as const;

// Incubating semantic-convention names (the `browser.web_vital` event's attributes), kept local.
export const ATTR_BROWSER_WEB_VITAL_NAME = 'browser.web_vital.name';
export const ATTR_BROWSER_WEB_VITAL_VALUE = 'browser.web_vital.value';
export const ATTR_BROWSER_WEB_VITAL_RATING = 'browser.web_vital.rating';
export const ATTR_BROWSER_WEB_VITAL_DELTA = 'browser.web_vital.delta';
export const ATTR_BROWSER_WEB_VITAL_ID = 'browser.web_vital.id';
export const ATTR_BROWSER_WEB_VITAL_NAVIGATION_TYPE = 'browser.web_vital.navigation_type';

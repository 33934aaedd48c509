/** Body sizes, under the old (1.7) HTTP semantic-convention names that upstream records them with. */
export const ATTR_RESPONSE_CONTENT_LENGTH = 'http.response_content_length';
export const ATTR_RESPONSE_CONTENT_LENGTH_UNCOMPRESSED = 'http.response_content_length_uncompressed';

/**
 * This request's Content-Security-Policy nonce (security-headers.js makes it,
 * server.js passes it in the load context): the document's inline scripts
 * carry it. In the browser it is "": the scripts are already running, and
 * browsers hide a nonce attribute's value from the DOM anyway.
 */
import { createContext, useContext } from "react";

const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export const useNonce = () => useContext(NonceContext);

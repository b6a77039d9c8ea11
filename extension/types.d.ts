// The extension's data types, for `tsc -p extension/jsconfig.json` only: no code, never
// shipped in a package. The files are classic scripts, so every name here is global.

// ---- The backend's replies, as background/backend.js checks them ----

type AnnotateOptions = { first_only: boolean; page_is_ai: boolean };
type AnnotatePayload = { segments: string[]; options: AnnotateOptions };
/** What the background sends: the payload plus the glossaries switched on (omitted: all). */
type AnnotateRequest = AnnotatePayload & { glossaries?: string[] };
type TermMatch = { segment: number; start: number; end: number; term: string };
type ToolLink = { name: string; url: string };
type GlossaryRef = { id: string; name: string };
type TermCard = {
  term: string;
  plain_english: string;
  definition: string;
  url: string;
  tools: ToolLink[];
  /** Which glossary the term comes from, when the backend says (issue 8). */
  glossary?: GlossaryRef;
};
type AnnotateResult = {
  dictionary: { id: string; version: string };
  context: { page_is_ai: boolean };
  matches: TermMatch[];
  terms: Record<string, TermCard>;
};
type Health = { backendUrl: string; dictionary: { id: string; version: string; terms: number } };
type Glossary = { id: string; name: string; version: string; terms: number };
type SearchHit = { slug: string; term: string; plain_english: string; url: string };
/** What the backend accepts (GET /v1/limits): lengths in characters, the body in bytes. */
/** The backend's prefilter: every key of its glossaries (shaped as its matcher shapes text) by its rarest word. */
type PrefilterIndex = Map<string, string[]>;
type Limits = {
  query_chars: number;
  card_tools: number;
  segment_chars: number;
  segments: number;
  body_bytes: number;
};

/** Something a backend published, kept while fresh (background/backend.js). */
type Learned<T> = { until: number; value: Promise<T> };

// ---- Messages (shared/messages.js) ----

/** "own": one of the glossary's own pages (never marked). */
/** "private": a page with a password field, on a site not switched on explicitly: not read. */
type PageState = "off" | "paused" | "own" | "private" | "working" | "done" | "unreachable";
type PageStatus = { site: string; url: string; state: PageState; marks: number };
type BackgroundContract = {
  annotate: { payload: AnnotatePayload; result: AnnotateResult };
  health: { payload: null; result: Health };
  glossaries: { payload: null; result: Glossary[] };
  /** Refused as `query_too_long` past the backend's `query_chars`. */
  search: { payload: { query: string }; result: SearchHit[] };
  limits: { payload: null; result: Limits };
  pageSettings: { payload: { url: string }; result: PageSettings };
  mute: { payload: MutedTerm; result: null };
  /** "Not this meaning" on a page's card: muted on the page's site, and counted. */
  wrongSense: { payload: MutedTerm & { url: string }; result: null };
};
type TabContract = {
  pageStatus: { payload: null; result: PageStatus };
  step: { payload: { direction: 1 | -1 }; result: boolean };
  /** The context menu's card: the best term's, or a note with a search link. */
  explain: { payload: CardView; result: boolean };
};
type ErrorInfo = { code: string; message: string };
type Reply = { result?: any; error?: ErrorInfo } | undefined;
type Handler = (payload: any, sender: chrome.runtime.MessageSender) => Promise<unknown>;
type OnMessage = (message: any, sender: chrome.runtime.MessageSender, respond: (reply: unknown) => void) => boolean;
/** A receiver's handler table: one entry per action of its contract. */
type Handlers<C extends Record<string, { payload: unknown; result: unknown }>> = {
  [K in keyof C]: (payload: C[K]["payload"], sender: chrome.runtime.MessageSender) => Promise<C[K]["result"]>;
};

// ---- Settings (shared/settings.js) ----

type MutedTerm = { slug: string; term: string };
/** A term muted on one site ("Not this meaning"); `site` is a host name. */
type SiteMutedTerm = MutedTerm & { site: string };
/** One line of the "Not this meaning" count, kept in storage.local: never page text. */
type SenseReport = { term: string; site: string; date: string; count: number };
type SiteMode = "all" | "listed";
type Settings = {
  schema: number;
  backendUrl: string;
  /** Mark the first occurrence of each term on a page only. */
  firstOnly: boolean;
  markHeadings: boolean;
  markLinks: boolean;
  paused: boolean;
  /** "all": every site but `disabledSites`; "listed": only `enabledSites`. */
  siteMode: SiteMode;
  /** Site patterns: "example.com" (and its subdomains) or "example.com/docs" (a path prefix). */
  disabledSites: string[];
  enabledSites: string[];
  /** Terms the reader knows: never marked. */
  muted: MutedTerm[];
  /** Terms not marked on one site: "Not this meaning". */
  siteMuted: SiteMutedTerm[];
  /** Glossaries of the backend switched off, by id. */
  disabledGlossaries: string[];
};

/** A setting an organisation may set or lock (shared/managed.js's MANAGEABLE). */
type ManagedSetting = "backendUrl" | "firstOnly" | "markHeadings" | "markLinks" | "paused"
  | "siteMode" | "disabledSites" | "enabledSites" | "disabledGlossaries";
/** The organisation's managed settings: the values it sets, and every setting readers may not change. */
type Managed = { values: Partial<Settings>; locked: ManagedSetting[]; allowInsecureBackend: boolean };

// ---- The content script ----

/** The settings as one page needs them (background/handlers.js works them out). */
type PageSettings = {
  mode: "on" | "off" | "paused";
  firstOnly: boolean;
  markHeadings: boolean;
  markLinks: boolean;
  muted: string[];
  /** The site is switched on by name (a rule of `enabledSites`): read even with a password field. */
  explicit: boolean;
  /** Changes when anything but `muted` changes: the page is read again. */
  key: string;
};
type Segment = { run: TextRun; base: number; text: string };
/** `linked`: inside one of the page's links (painted lighter). */
type Mark = { range: Range; slug: string; run: TextRun; linked: boolean };
/** What a card shows: a term's card, or a note with a link (a selection not found). */
type CardView = TermCard & { slug?: string; linkText?: string };
/** Who opened the live card: it decides what closes it. */
type Opener = "pointer" | "touch" | "keys" | "menu";
/** Which matches become marks. */
type MarkingRules = { firstOnly: boolean; links: boolean; muted: Set<string>; explicit: boolean };
type PointerAt = { x: number; y: number; target: EventTarget | null };
/** A touch on the page, until it lifts. */
type Press = { mark: Mark | null; x: number; y: number; long: boolean; timer: number };
/** The link a long press showed a card in, and when. */
type Pressed = { link: Element | null; at: number };
type Box = { left: number; top: number; bottom: number };

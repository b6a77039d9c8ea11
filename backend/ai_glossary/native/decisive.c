/* decisive.py: never idioms, identifiers, names, persons and surnames. */

#include "sense.h"

/* ---------- decisive (decisive.decisive) ---------- */

int may_hold(Req *r, Sense *s, int si, int segment)
{
    Seg *g = &r->segs[segment];
    for (Memo *m = g->memo; m; m = m->next)
        if (m->kind == M_NEVER && m->sense == si) return m->v.kept;
    int holds = s->never_star;
    if (!holds) {
        if (ensure_words(r, g) < 0) return -1;
        for (int i = 0; i < g->all.n && !holds; i++)
            holds = never_word(s, g->all.ids[i]);
    }
    Memo *m = zalloc(r, sizeof *m);
    if (!m) return -1;
    m->kind = M_NEVER; m->sense = si; m->v.kept = (char)holds;
    m->next = g->memo; g->memo = m;
    return holds;
}

/* never_around's first test: some phrase has no other words, or one of them is in the
   words of the shape around the occurrence (cut where the window cuts). */
int never_nearby(Req *r, Sense *s, int si, Seg *g, Py_ssize_t start, Py_ssize_t end)
{
    if (ensure_words(r, g) < 0) return -1;
    for (int p = 0; p < s->nnever; p++) if (s->never[p].n == 0) return 1;
    Py_ssize_t low = start - 60 > 0 ? start - 60 : 0, high = end + 60 < g->len ? end + 60 : g->len;
    Py_ssize_t i = low;
    while (i < high) {
        while (i < high && Py_UNICODE_ISSPACE(PyUnicode_READ(g->skind, g->sdata, i))) i++;
        if (i >= high) break;
        Py_ssize_t a = i;
        while (i < high && !Py_UNICODE_ISSPACE(PyUnicode_READ(g->skind, g->sdata, i))) i++;
        int32_t w = word_id(r->j, g->skind, g->sdata, a, i);
        int at = w < 0 ? -1 : never_at(s, w);
        if (at >= 0 && s->never_from[at] < s->never_from[at + 1]) return 1;
    }
    return 0;
}

/* decisive._never_pattern on an ASCII window, in the order Python's regex engine tries
   things, so that each match starts and ends where Python's does:
   (?<![^\W_]) word (?:G+(?:[^\W_]+G+)? word)* (?![^\W_]), any case, each word one of
   its options then (?:s|es|ed|d|ing)?; G a gap character (gap_at: [\W_], less the clause
   marks where the phrase holds none). A name (Pattern.name): G+ alone between its words,
   and no ending after them. */
typedef struct {
    const unsigned char *w; Py_ssize_t n; const Pattern *p;
    const Py_ssize_t *starts; Py_ssize_t nstarts; /* where a match may begin: after no letter or digit */
} Window;

/* OTHER_LETTER stands for a letter or digit that is not ASCII and no ASCII letter's case
   (folded_window): [^\W_] takes it, no literal of a phrase does. */
enum { OTHER_LETTER = 0x80, OTHER_MARK = 0x01 };

static int al(const Window *x, Py_ssize_t i)
{
    return x->w[i] == OTHER_LETTER || ascii_alnum(x->w[i]);
}

/* A window that is not all ASCII, as the ASCII the pattern sees in it: under re.IGNORECASE
   a character matches an ASCII letter when its simple lower case is that letter ("K", the
   Kelvin sign, is "k"; "İ" is "i"), or it is one of the two that sre folds by hand ("ı",
   "ſ"); any other letter or digit is OTHER_LETTER, anything else OTHER_MARK. */
static void folded_window(Seg *g, Py_ssize_t low, Py_ssize_t high, unsigned char *out)
{
    for (Py_ssize_t i = low; i < high; i++) {
        Py_UCS4 c = CH(g, i), lower = c < 128 ? c : Py_UNICODE_TOLOWER(c);
        if (lower < 128) out[i - low] = (unsigned char)lower;
        else if (c == 0x131) out[i - low] = 'i';
        else if (c == 0x17F) out[i - low] = 's';
        else out[i - low] = Py_UNICODE_ISALNUM(c) ? OTHER_LETTER : OTHER_MARK;
    }
}

static Py_ssize_t piece_at(const Window *x, int k, Py_ssize_t pos);

static int literal_at(const Window *x, Py_ssize_t pos, const char *lit)
{
    Py_ssize_t i = 0;
    for (; lit[i]; i++) {
        if (pos + i >= x->n) return -1;
        unsigned char c = x->w[pos + i];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != (unsigned char)lit[i]) return -1;
    }
    return (int)i;
}

/* A character between two words of a never phrase: no letter or digit, and no mark that
   ends a clause unless the phrase holds one (decisive.CLAUSE_MARKS, the same ten). */
static int gap_at(const Window *x, Py_ssize_t i)
{
    return !al(x, i) && (x->p->crosses_marks || !memchr(",.;:!?()[]", x->w[i], 10));
}

static Py_ssize_t after_piece(const Window *x, int k, Py_ssize_t p)
{
    if (k == x->p->npieces - 1) return p == x->n || !al(x, p) ? p : -1;
    Py_ssize_t most = p;
    while (most < x->n && gap_at(x, most)) most++;
    if (x->p->name) { /* G+ alone: the next word right after the gap */
        for (Py_ssize_t q = most; q > p; q--) {
            Py_ssize_t found = piece_at(x, k + 1, q);
            if (found >= 0) return found;
        }
        return -1;
    }
    for (Py_ssize_t q = most; q > p; q--) {
        /* (?:[^\W_]+G+)? first, greedy at every step */
        Py_ssize_t r_most = q;
        while (r_most < x->n && al(x, r_most)) r_most++;
        for (Py_ssize_t r = r_most; r > q; r--) {
            Py_ssize_t s_most = r;
            while (s_most < x->n && gap_at(x, s_most)) s_most++;
            for (Py_ssize_t t = s_most; t > r; t--) {
                Py_ssize_t found = piece_at(x, k + 1, t);
                if (found >= 0) return found;
            }
        }
        Py_ssize_t found = piece_at(x, k + 1, q);
        if (found >= 0) return found;
    }
    return -1;
}

static Py_ssize_t piece_at(const Window *x, int k, Py_ssize_t pos)
{
    static const char *suffixes[] = {"s", "es", "ed", "d", "ing"};
    const Piece *piece = &x->p->pieces[k];
    for (int o = 0; o < piece->noptions; o++) {
        int n = literal_at(x, pos, piece->options[o]);
        if (n < 0) continue;
        Py_ssize_t p = pos + n;
        /* no endings after a name, nor after a word of grammar (decisive.SHORT_WORD) */
        int endings = x->p->name || n <= 2 ? 0 : 5;
        for (int f = 0; f < endings; f++) {
            int m = literal_at(x, p, suffixes[f]);
            if (m < 0) continue;
            Py_ssize_t found = after_piece(x, k, p + m);
            if (found >= 0) return found;
        }
        Py_ssize_t found = after_piece(x, k, p);
        if (found >= 0) return found;
    }
    return -1;
}

/* Whether a match may start at pos: its first character (as literal_at folds it) begins one
   of the first word's options. Trying every option at every word start was most of the
   idiom check (20 KB pages judged 2% faster with first marks, 3% with every occurrence). */
static int may_start(const Window *x, Py_ssize_t pos)
{
    if (pos >= x->n) return 0;
    unsigned char c = x->w[pos];
    if (c >= 'A' && c <= 'Z') c += 32;
    return (int)(x->p->first[c >> 6] >> (c & 63) & 1);
}

/* finditer: whether a match holds [inner_start, inner_end). The search goes on from the end
   of each match (never empty), so from the next start at or after it. */
static int pattern_holds(const Window *x, Py_ssize_t inner_start, Py_ssize_t inner_end)
{
    Py_ssize_t from = 0;
    for (Py_ssize_t i = 0; i < x->nstarts; i++) {
        Py_ssize_t pos = x->starts[i];
        if (pos < from || !may_start(x, pos)) continue;
        Py_ssize_t end = piece_at(x, 0, pos);
        if (end < 0) continue;
        if (pos <= inner_start && inner_end <= end) return 1;
        if (end > pos) from = end;
    }
    return 0;
}

/* The window's starts (pattern_holds), found once for all its idioms: reading the window a
   character at a time for each idiom was a third of the idiom check (20 KB pages judged 2%
   faster with first marks, 3% with every occurrence). */
static Py_ssize_t *starts_of(Req *r, Window *x)
{
    Py_ssize_t *starts = alloc(r, sizeof(Py_ssize_t) * (size_t)(x->n + 2));
    if (!starts) return NULL;
    x->nstarts = 0;
    for (Py_ssize_t pos = 0; pos <= x->n; pos++)
        if (pos == 0 || !al(x, pos - 1)) starts[x->nstarts++] = pos;
    x->starts = starts;
    return starts;
}

/* decisive.never_around, when the phrases are ASCII (2: ask Python) */
int never_around(Req *r, Sense *s, int si, Seg *g, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t low = start - 60 > 0 ? start - 60 : 0, high = end + 60 < g->len ? end + 60 : g->len;
    if (!s->patterns) return 2;
    const unsigned char *text = NULL;
    if (PyUnicode_IS_ASCII(g->text)) text = PyUnicode_1BYTE_DATA(g->text) + low;
    else {
        /* Curly quotes and dashes: these windows were two thirds of the call-backs' time. */
        unsigned char *folded = zalloc(r, (size_t)(high - low) + 1);
        if (!folded) return -1;
        folded_window(g, low, high, folded);
        text = folded;
    }
    if (ensure_words(r, g) < 0) return -1;
    /* The phrases that hold a word of the window among their other words, by each word's
       list of them: testing every phrase for every word was a sixth of the instructions of
       judging a 20 KB page with every occurrence, and 3% of its time. */
    unsigned char *near = zalloc(r, (size_t)s->nnever + 1);
    if (!near) return -1;
    /* The window's words are the block's words it holds: each whole one as the block found
       it, one the window cuts looked up as cut (the block's shape splits where the window's
       does). Reading the window a character at a time was most of the idiom check. */
    Py_ssize_t lo = 0, hi = g->nw;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (g->wend[mid] <= low) lo = mid + 1; else hi = mid;
    }
    for (Py_ssize_t k = lo; k < g->nw && g->wpos[k] < high; k++) {
        Py_ssize_t a = g->wpos[k] > low ? g->wpos[k] : low;
        Py_ssize_t b = g->wend[k] < high ? g->wend[k] : high;
        int32_t w = a == g->wpos[k] && b == g->wend[k] ? g->wid[k]
                                                       : word_id(r->j, g->skind, g->sdata, a, b);
        int at = w < 0 ? -1 : never_at(s, w);
        if (at < 0) continue;
        for (int32_t q = s->never_from[at]; q < s->never_from[at + 1]; q++) near[s->never_phrase[q]] = 1;
    }
    Window x = {text, high - low, NULL, NULL, 0};
    for (int p = 0; p < s->nnever; p++) {
        if (s->never[p].n && !near[p]) continue;
        if (!x.starts && !starts_of(r, &x)) return -1;
        x.p = &s->patterns[p];
        if (pattern_holds(&x, start - low, end - low)) return 1;
    }
    return 0;
}

/* Whether a lower-cased word is one of the words that never start a name ("the", "our"):
   a binary search of the sorted list (reading all of it was 2% of judging a page). */
static int listed_not_name(Judge *j, const char *lower)
{
    int lo = 0, hi = j->nnot_names;
    while (lo < hi) {
        int mid = (lo + hi) / 2, order = strcmp(lower, j->not_names[mid]);
        if (order == 0) return 1;
        if (order < 0) hi = mid; else lo = mid + 1;
    }
    return 0;
}

int is_upper_first(Seg *g, Py_ssize_t start, Py_ssize_t end)
{
    return start < end && Py_UNICODE_ISUPPER(CH(g, start));
}

/* decisive._TITLES: `lower`, a word in lower case without its full stop, is one */
static int a_title(const char *lower)
{
    static const char *const titles[] = {"mr", "mrs", "ms",  "mx", "dr",   "st", "prof", "rev", "fr",
                                         "sr", "jr",  "mt",  "gen", "col", "capt", "lt", "sgt", "hon"};
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++)
        if (strcmp(lower, titles[i]) == 0) return 1;
    return 0;
}

/* decisive.ends_a_sentence on the `n` characters from `at` of a str's data (`kind` as
   PyUnicode_READ takes it: PyUnicode_1BYTE_KIND for ASCII bytes) */
int ends_a_sentence(int kind, const void *data, Py_ssize_t at, Py_ssize_t n)
{
    if (n <= 2 || PyUnicode_READ(kind, data, at + n - 1) != '.') return 0;
    char head[6] = {0}; /* longer than any title: not one */
    for (Py_ssize_t i = 0; i < n - 1; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, at + i);
        if (c == '.') return 0;
        if (i < (Py_ssize_t)sizeof head - 1)
            head[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c < 128 ? c : 1);
    }
    return n - 1 >= (Py_ssize_t)sizeof head || !a_title(head);
}

/* decisive._may_be_a_name (a word of 16 letters or more, or not ASCII, asks Python). */
int may_be_a_name(Judge *j, Seg *g, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t low = start - 30 > 0 ? start - 30 : 0, b = start;
    for (Py_ssize_t i = end; i < end + 3 && i < g->len; i++) if (CH(g, i) == '&') return 1;
    while (b > low && Py_UNICODE_ISSPACE(CH(g, b - 1))) b--;
    if (b > low && CH(g, b - 1) == '&') return 1;
    Py_ssize_t w = b;
    while (w > low && CH(g, w - 1) != ' ' && CH(g, w - 1) != '\n') w--;
    if (w >= b || !Py_UNICODE_ISUPPER(CH(g, w))) return 0;
    if (ends_a_sentence(g->kind, g->data, w, b - w)) return 0;
    /* word.lower() in _NOT_NAMES: a word too long for the list, or not all ASCII, is not in
       it, and the tests below still apply */
    char lower[16];
    Py_ssize_t n = b - w;
    int listable = n < (Py_ssize_t)sizeof lower;
    for (Py_ssize_t i = 0; listable && i < n; i++) {
        Py_UCS4 c = CH(g, w + i);
        if (c >= 128) listable = 0;
        else lower[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    if (listable) {
        lower[n] = 0;
        if (listed_not_name(j, lower)) return 0;
    }
    /* not before.endswith(("'s", "’s")) and before[:cut].rstrip()[-1:] not in ".!?:" */
    if (b - low >= 2 && CH(g, b - 1) == 's' && (CH(g, b - 2) == '\'' || CH(g, b - 2) == 0x2019))
        return 0;
    Py_ssize_t prefix = w > low ? w - 1 : b - 1; /* cut = -1: before[:-1] */
    while (prefix > low && Py_UNICODE_ISSPACE(CH(g, prefix - 1))) prefix--;
    if (prefix <= low) return 0; /* "" is in any str */
    Py_UCS4 last = CH(g, prefix - 1);
    return !(last == '.' || last == '!' || last == '?' || last == ':');
}

/* ---- decisive's name tests on ASCII text (a block not all ASCII asks Python) ---- */


int not_a_name(Judge *j, const unsigned char *w, Py_ssize_t n)
{
    char lower[16];
    if (n >= (Py_ssize_t)sizeof lower) return 0;
    for (Py_ssize_t i = 0; i < n; i++) lower[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
    lower[n] = 0;
    return listed_not_name(j, lower);
}

/* str.isupper() (`first` 'A') or str.islower() (`first` 'a') on ASCII: some letter of that
   case, none of the other. */
static int ascii_cased(const unsigned char *t, Py_ssize_t n, unsigned char first)
{
    unsigned char other = first == 'A' ? 'a' : 'A';
    int cased = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (t[i] >= other && t[i] <= other + 25) return 0;
        cased |= t[i] >= first && t[i] <= first + 25;
    }
    return cased;
}

int ascii_upper(const unsigned char *t, Py_ssize_t n) { return ascii_cased(t, n, 'A'); }

int ascii_lower(const unsigned char *t, Py_ssize_t n) { return ascii_cased(t, n, 'a'); }

/* decisive._title_case */
int title_case(const unsigned char *t, Py_ssize_t n)
{
    Py_ssize_t e = n;
    while (e > 0 && is_space(t[e - 1])) e--;
    if (e > 0 && t[e - 1] == '.') return 0;
    Py_ssize_t limit = n < 400 ? n : 400, i = 0;
    long words = 0, longs = 0, capitals = 0;
    while (i < limit) {
        while (i < limit && !ascii_alnum(t[i])) i++;
        if (i >= limit) break;
        Py_ssize_t a = i;
        while (i < limit && ascii_alnum(t[i])) i++;
        if (words++ == 0) continue;
        if (i - a > 3) { longs++; capitals += t[a] >= 'A' && t[a] <= 'Z'; }
    }
    if (!longs) return 1;
    return (double)capitals / (double)longs > 0.6;
}

/* decisive._PREVIOUS_WORD.search(before): ([^\W_][\w.\-’']*)\s+$ -> where group 1
   starts and ends, or -1 */
Py_ssize_t previous_word(const unsigned char *b, Py_ssize_t n, Py_ssize_t *word_end)
{
    Py_ssize_t ws = n;
    while (ws > 0 && is_space(b[ws - 1])) ws--;
    if (ws == n) return -1;
    Py_ssize_t rs = ws;
    while (rs > 0 && (word_char(b[rs - 1]) || b[rs - 1] == '.' || b[rs - 1] == '-' || b[rs - 1] == '\''))
        rs--;
    while (rs < ws && !ascii_alnum(b[rs])) rs++;
    if (rs >= ws) return -1;
    *word_end = ws;
    return rs;
}

/* decisive._name_around on ASCII text: 1 and where the name starts (-1: joined by "&") */
int name_around(Judge *j, const unsigned char *text, Py_ssize_t len, Py_ssize_t start,
                       Py_ssize_t end, Py_ssize_t *name_start)
{
    Py_ssize_t low = start - 40 > 0 ? start - 40 : 0, bn = start - low, word_end;
    const unsigned char *before = text + low, *form = text + start;
    Py_ssize_t fn = end - start;
    Py_ssize_t p = previous_word(before, bn, &word_end);
    if (p >= 0 && ascii_lower(form, fn) && !ascii_upper(before + p, word_end - p)) p = -1;
    if (p >= 0) {
        const unsigned char *word = before + p;
        Py_ssize_t wn = word_end - p, q = p;
        while (q > 0 && is_space(before[q - 1])) q--; /* prefix = before[:p].rstrip() */
        int sentence_start;
        if (q == 0) {
            sentence_start = start < 40;
        } else {
            unsigned char last = before[q - 1];
            sentence_start = last == '.' || last == '!' || last == '?' || last == ':' ||
                             last == ';' || last == '"' || last == '(' || last == '[';
        }
        sentence_start = sentence_start || ends_a_sentence(PyUnicode_1BYTE_KIND, word, 0, wn);
        if (!sentence_start) { /* decisive._has_a_letter(decisive._line_before(...)) */
            Py_ssize_t k = start - bn + p;
            while (k > 0 && text[k - 1] != '\n' && !ascii_alpha(text[k - 1])) k--;
            sentence_start = k == 0 || text[k - 1] == '\n';
        }
        int possessive = wn >= 2 && word[wn - 1] == 's' && word[wn - 2] == '\'';
        /* decisive._capitalised_plural */
        int plural = fn > 2 && form[0] >= 'A' && form[0] <= 'Z' && form[fn - 1] == 's' &&
                     ((form[fn - 2] >= 'A' && form[fn - 2] <= 'Z') ||
                      !(form[fn - 2] == 's' || form[fn - 2] == 'u' || form[fn - 2] == 'i' ||
                        form[fn - 2] == 'a'));
        if (word[0] >= 'A' && word[0] <= 'Z' && !not_a_name(j, word, wn) && !sentence_start &&
            !possessive && !title_case(text, len) && !plural) {
            *name_start = start - bn + p;
            return 1;
        }
    }
    Py_ssize_t an = end + 4 < len ? 4 : len - end;
    const unsigned char *after = text + end;
    int spaced = ascii_upper(form, fn) &&
                 ((an >= 2 && after[0] == ' ' && after[1] == '&') ||
                  (bn >= 2 && before[bn - 2] == '&' && before[bn - 1] == ' '));
    if (spaced) return 0;
    /* re.match(r"\s*&\s*[A-Z]", after) */
    Py_ssize_t i = 0;
    while (i < an && is_space(after[i])) i++;
    if (i < an && after[i] == '&') {
        i++;
        while (i < an && is_space(after[i])) i++;
        if (i < an && after[i] >= 'A' && after[i] <= 'Z') { *name_start = -1; return 1; }
    }
    /* re.search(r"[A-Z]\w*\s*&\s*$", before) */
    Py_ssize_t e = bn;
    while (e > 0 && is_space(before[e - 1])) e--;
    if (e > 0 && before[e - 1] == '&') {
        Py_ssize_t z = e - 1;
        while (z > 0 && is_space(before[z - 1])) z--;
        for (Py_ssize_t k = z; k > 0 && word_char(before[k - 1]); k--)
            if (before[k - 1] >= 'A' && before[k - 1] <= 'Z') { *name_start = -1; return 1; }
    }
    return 0;
}

/* decisive._surname_after on ASCII text, once the form is capitalised and a capitalised
   word follows it */
int surname_after(Req *r, const unsigned char *text, Py_ssize_t len, Py_ssize_t start,
                         Py_ssize_t end)
{
    Judge *j = r->j;
    Py_ssize_t fn = end - start;
    if (!(fn >= 1 && text[start] >= 'A' && text[start] <= 'Z' && ascii_lower(text + start + 1, fn - 1)))
        return 0;
    Py_ssize_t q = end;
    while (q < len && (text[q] == ' ' || text[q] == '\t')) q++;
    if (q == end || q + 1 >= len || !(text[q] >= 'A' && text[q] <= 'Z') || !(text[q + 1] >= 'a' && text[q + 1] <= 'z'))
        return 0;
    Py_ssize_t w = q + 2;
    while (w < len && (word_char(text[w]) || text[w] == '\'' || text[w] == '-')) w++;
    char *lower = alloc(r, w - q + 1);
    if (!lower) return -1;
    for (Py_ssize_t i = q; i < w; i++) lower[i - q] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
    int32_t id = word_id(j, PyUnicode_1BYTE_KIND, lower, 0, w - q);
    if ((id >= 0 && j->known[id]) || not_a_name(j, text + q, w - q)) return 0;
    if (title_case(text, len) && !(w < len && text[w] == ',')) return 0;
    Py_ssize_t low = start - 40 > 0 ? start - 40 : 0, word_end;
    Py_ssize_t p = previous_word(text + low, start - low, &word_end);
    if (p >= 0 && text[low + p] >= 'A' && text[low + p] <= 'Z' &&
        !ends_a_sentence(PyUnicode_1BYTE_KIND, text + low + p, 0, word_end - p))
        return 0;
    return 1;
}

/* Whether \d+\b matches at `at` (Python's \d and \w on str): \d+ gives back nothing
   that would make a boundary, so only the end of the whole run counts. */
int digits_then_boundary(Seg *g, Py_ssize_t at)
{
    Py_ssize_t i = at;
    while (i < g->len && Py_UNICODE_ISDECIMAL(CH(g, i))) i++;
    if (i == at) return 0;
    if (i == g->len) return 1;
    Py_UCS4 c = CH(g, i);
    return !(Py_UNICODE_ISALNUM(c) || c == '_');
}

/* str.isupper() of text[start:end] */
int is_upper(Seg *g, Py_ssize_t start, Py_ssize_t end)
{
    int cased = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 c = CH(g, i);
        if (Py_UNICODE_ISLOWER(c) || Py_UNICODE_ISTITLE(c)) return 0;
        if (!cased && Py_UNICODE_ISUPPER(c)) cased = 1;
    }
    return cased;
}

static int is_word(Py_UCS4 c) { return Py_UNICODE_ISALNUM(c) || c == '_'; } /* \w */

/* entries.VERSION.match(text, end): [ \t]+(?:v\d+(?:\.\d+)*|\d+(?:\.\d+)*[BbM]|\d+(?:\.\d+)+|\d)\b,
   any of its ways: a dot after digits is a boundary already, so "v3.1" is "v3" followed by
   one; a size ("7B", "1.5B", "124M") after any dotted number; a dotted number ("1.5",
   "10.5"); or one digit ("Claude 3"), never two or more ("Gemini 48"). */
int version_after(Seg *g, Py_ssize_t end)
{
    Py_ssize_t i = end;
    while (i < g->len && (CH(g, i) == ' ' || CH(g, i) == '\t')) i++;
    if (i == end || i == g->len) return 0;
    int v = CH(g, i) == 'v';
    Py_ssize_t first = v ? i + 1 : i, k = first;
    while (k < g->len && Py_UNICODE_ISDECIMAL(CH(g, k))) k++;
    if (k == first) return 0;
    if (v) return k == g->len || !is_word(CH(g, k));
    /* after the digits and after each dotted group: a size's letter ends it ("7B", "1.5B") */
    int groups = 0;
    Py_ssize_t p = k;
    for (;;) {
        if (p < g->len && (CH(g, p) == 'B' || CH(g, p) == 'b' || CH(g, p) == 'M') &&
            (p + 1 == g->len || !is_word(CH(g, p + 1))))
            return 1;
        if (!(p + 1 < g->len && CH(g, p) == '.' && Py_UNICODE_ISDECIMAL(CH(g, p + 1)))) break;
        p++;
        while (p < g->len && Py_UNICODE_ISDECIMAL(CH(g, p))) p++;
        groups++;
    }
    /* a dotted number: the last group ends at a boundary, or the one before it at a dot */
    if (groups >= 2 || (groups == 1 && (p == g->len || !is_word(CH(g, p))))) return 1;
    return k - first == 1 && (k == g->len || !is_word(CH(g, k)));
}

static int ascii_digit(Py_UCS4 c) { return c >= '0' && c <= '9'; }

/* Whether the common word right before a size, on its line, says it is not a model's
   (decisive.model_size_in's _PREVIOUS_WORD): the run of [\w.\-’'] that ends at the white
   space before the size, from its first letter or digit, within 40 characters. */
static int placed_before(Req *r, Seg *g, Py_ssize_t size)
{
    Py_ssize_t low = size - 40 > 0 ? size - 40 : 0, w = size;
    while (w > low && Py_UNICODE_ISSPACE(CH(g, w - 1))) w--;
    if (w == size || w == low) return 0; /* no white space before it, or nothing else */
    for (Py_ssize_t i = w; i < size; i++) if (CH(g, i) == '\n') return 0;
    Py_ssize_t run = w;
    while (run > low) {
        Py_UCS4 c = CH(g, run - 1);
        if (!(is_word(c) || c == '.' || c == '-' || c == 0x2019 || c == '\'')) break;
        run--;
    }
    while (run < w && !Py_UNICODE_ISALNUM(CH(g, run))) run++;
    if (run == w) return 0;
    PyObject *word = PyUnicode_Substring(g->text, run, w);
    if (!word) return -1;
    PyObject *lower = PyObject_CallMethod(word, "lower", NULL);
    Py_DECREF(word);
    if (!lower) return -1;
    int placed = PySet_Contains(r->j->placing_words, lower);
    Py_DECREF(lower);
    return placed;
}

/* decisive.model_size_in: a size in parameters in a..b ("the 70B model", "1.5B"), not one
   right after a common word other than a determiner or a preposition ("Class 3B", "flat 7B").
   The sizes are entries.SIZE's, (?<![\w$€£.])[0-9]+(?:\.[0-9]+)?B(?!\w), as finditer finds
   them with pos and endpos: the look-behind reads the text before a, the look-ahead nothing
   after b. Each "B" that ends a word, read backwards: its digits, then a dot and more digits
   if there are, then what comes before them. */
int size_in(Req *r, Seg *g, Py_ssize_t a, Py_ssize_t b)
{
    for (Py_ssize_t i = a + 1; i < b; i++) {
        if (CH(g, i) != 'B' || (i + 1 < b && is_word(CH(g, i + 1)))) continue;
        Py_ssize_t k = i;
        while (k > a && ascii_digit(CH(g, k - 1))) k--;
        if (k == i) continue;
        if (k - 2 >= a && CH(g, k - 1) == '.' && ascii_digit(CH(g, k - 2))) {
            k--;
            while (k > a && ascii_digit(CH(g, k - 1))) k--;
        }
        if (k > 0) {
            Py_UCS4 before = CH(g, k - 1);
            if (is_word(before) || before == '$' || before == 0x20AC || before == 0xA3 ||
                before == '.')
                continue;
        }
        int placed = placed_before(r, g, k);
        if (placed < 0) return -1;
        if (!placed) return 1;
    }
    return 0;
}

/* decisive._RELATION's words, as its alternatives spell them out in ASCII */
static const char *const RELATIONS[] = {
    "husband", "wife", "son", "daughter", "brother", "sister", "father", "mother", "dad", "mum",
    "mom", "grandson", "granddaughter", "grandfather", "grandmother", "grandad", "grandma",
    "uncle", "aunt", "nephew", "niece", "cousin", "partner", "boyfriend", "girlfriend",
    "fiance", "fiancee", "friend", "neighbor", "neighbour", "colleague", "apprentice", "intern",
    "trainee", "auntie", "aunty", "nan", "nana", "gran", "granny", "grandpa", "stepdad",
    "stepmum", "stepmom", "stepson", "stepdaughter", "godmother", "godfather", "godson",
    "goddaughter", "bestie", "mate", "baby", "twin", "twins", "brother-in-law", "sister-in-law", "son-in-law",
    "daughter-in-law", "emailed", "emailing", "e-mailed", "e-mailing", "phoned", "phoning",
    "rang", "ringing",
};
#define N_RELATIONS (sizeof RELATIONS / sizeof *RELATIONS)
/* decisive._CALLED's other words for a person or an animal */
static const char *const PEOPLE[] = {
    "man", "woman", "boy", "girl", "guy", "bloke", "lad", "lady", "chap", "fellow", "dog", "cat",
    "puppy", "kitten", "horse", "pony", "clerk", "teacher", "nurse", "doctor", "driver", "coach",
    "manager", "officer", "volunteer", "student", "engineer", "technician", "receptionist",
    "cleaner", "caretaker", "chef", "vicar", "farmer", "builder", "plumber", "electrician",
    "postman", "postwoman", "pensioner", "gardener", "baker", "butcher", "widow", "widower",
    "hamster", "rabbit", "parrot", "budgie", "tortoise", "goldfish", "snake", "lizard",
    "tarantula", "ferret", "goat", "hen", "producer", "presenter", "reporter", "director",
    "librarian", "analyst", "consultant", "researcher", "vet", "dentist", "accountant", "lawyer",
    "solicitor", "architect", "surveyor", "tutor", "lecturer", "carer", "mechanic", "labmate",
    "flatmate", "housemate", "roommate", "classmate", "teammate", "boss", "supervisor", "mentor",
    "landlord", "landlady", "tenant", "reader", "listener", "human", "person", "moderator",
    "owner", "neighbour", "neighbor", "colleague", "viewer", "caller",
};
#define N_PEOPLE (sizeof PEOPLE / sizeof *PEOPLE)
static const char *const CALLED[] = {"called", "named"};
/* decisive._NAMED_ONES: "we named ours Claude", "called him Jasper" */
static const char *const NAMED_ONES[] = {"him", "her", "ours", "mine", "yours", "theirs"};
static const char *const COPULAS[] = {"is", "was"};
/* The words that open an apposition after a name (decisive._APPOSITION) */
static const char *const DETERMINERS[] = {"the", "our", "my", "your", "his", "her", "their"};

/* text[at:at+n] is the ASCII word w in any case (a text not ASCII there: -1) */
static int ascii_word_at(Seg *g, Py_ssize_t at, const char *w, Py_ssize_t n)
{
    if (at < 0 || at + n > g->len) return 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = CH(g, at + i);
        if (c > 127) return -1;
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c != (Py_UCS4)w[i]) return 0;
    }
    return 1;
}

/* Where one of words[0:n] (ASCII, any case) ends at q, a word's boundary before it at or
   after low (`\b`): its start, or -1. */
static Py_ssize_t word_before(Seg *g, Py_ssize_t low, Py_ssize_t q, const char *const *words,
                              size_t n)
{
    for (size_t k = 0; k < n; k++) {
        Py_ssize_t len = (Py_ssize_t)strlen(words[k]), at = q - len;
        if (at < low || ascii_word_at(g, at, words[k], len) != 1) continue;
        if (at == low || !is_word(CH(g, at - 1))) return at;
    }
    return -1;
}

/* handover.person: 1 for a person's name (decisive._person), 2 for one in a list of people
   (decisive._listed), 0 for neither; -1 on error */
static int call_person(Req *r, Sense *s, Seg *g, Py_ssize_t start, Py_ssize_t end)
{
    PyObject *a = py_int(start), *b = py_int(end), *result = NULL;
    if (a && b) result = PyObject_CallFunctionObjArgs(r->j->cb_person, s->py, g->text, a, b, NULL);
    Py_XDECREF(a); Py_XDECREF(b);
    if (!result) return -1;
    long kind = PyLong_AsLong(result);
    Py_DECREF(result);
    if (kind == -1 && PyErr_Occurred()) return -1;
    return kind == 2 ? 2 : kind != 0;
}

/* The first words of decisive._LIST_KEYS */
static const char *const LIST_FIRSTS[] = {
    "present", "attendees", "attending", "in", "also", "apologies", "absent", "chair",
    "chaired", "minutes", "minute", "note", "cast", "speakers", "panel", "panellists",
    "guests", "hosts", "judges", "from", "to", "cc",
};

/* Whether the line before `start` opens with a word that may start a key of a list of
   people, and a colon follows it before `start` ("Present: Gemma, Jasper"): then Python
   reads the list (decisive._listed). Only a name right after a key's colon or a list's
   separator (",", ";", "&", "and") may be listed, so the line is read only then. */
static int in_a_listing_line(Seg *g, Py_ssize_t start)
{
    Py_ssize_t i = start;
    while (i > 0 && (CH(g, i - 1) == ' ' || CH(g, i - 1) == '\t')) i--;
    if (i == 0) return 0;
    Py_UCS4 before = CH(g, i - 1);
    int after_and = i >= 3 && CH(g, i - 3) == 'a' && CH(g, i - 2) == 'n' && before == 'd';
    if (!after_and && before != ':' && before != ',' && before != ';' && before != '&')
        return 0;
    while (i > 0 && CH(g, i - 1) != '\n') i--;
    while (i < start && (CH(g, i) == ' ' || CH(g, i) == '\t')) i++;
    Py_ssize_t a = i;
    while (i < start && i - a < 12 && ((CH(g, i) | 32) >= 'a' && (CH(g, i) | 32) <= 'z')) i++;
    if (i == a || i - a >= 12) return 0;
    char first[12];
    for (Py_ssize_t k = a; k < i; k++) first[k - a] = (char)(CH(g, k) | 32);
    first[i - a] = 0;
    int key = 0;
    for (size_t k = 0; !key && k < sizeof LIST_FIRSTS / sizeof *LIST_FIRSTS; k++)
        key = strcmp(first, LIST_FIRSTS[k]) == 0;
    while (key && i < start && CH(g, i) != ':') i++;
    return key && i < start;
}

/* decisive._speaking without the name's check: the form, an ASCII capital and word
   characters, opens its line (spaces and tabs before it) and a colon follows, perhaps
   after a role in brackets ("Tom (dad):", _SPEAKER) */
static int speaking(Seg *g, Py_ssize_t start, Py_ssize_t end)
{
    if (end >= g->len || CH(g, start) < 'A' || CH(g, start) > 'Z') return 0;
    for (Py_ssize_t i = start + 1; i < end; i++) {
        Py_UCS4 ch = CH(g, i);
        if (!(is_word(ch) || ch == '\'' || ch == 0x2019 || ch == '-')) return 0;
    }
    Py_ssize_t i = start;
    while (i > 0 && (CH(g, i - 1) == ' ' || CH(g, i - 1) == '\t')) i--;
    if (i > 0 && CH(g, i - 1) != '\n') return 0;
    Py_ssize_t p = end;
    if (CH(g, p) == ':') return 1;
    while (p < g->len && (CH(g, p) == ' ' || CH(g, p) == '\t')) p++;
    if (p == end || p >= g->len || CH(g, p) != '(') return 0;
    Py_ssize_t q = p + 1;
    while (q < g->len && q - p - 1 <= 30 && CH(g, q) != '(' && CH(g, q) != ')' &&
           CH(g, q) != '\n')
        q++;
    return q - p - 1 >= 1 && q - p - 1 <= 30 && q + 1 < g->len && CH(g, q) == ')' &&
           CH(g, q + 1) == ':';
}

/* decisive.in_conversation, asked of Python once a request: 1 or 0, -1 on error */
static int in_conversation(Req *r)
{
    if (!r->conversation) {
        PyObject *found = PyObject_CallFunctionObjArgs(r->j->cb_conversation, r->segments, NULL);
        if (!found) return -1;
        int yes = PyObject_IsTrue(found);
        Py_DECREF(found);
        if (yes < 0) return -1;
        r->conversation = yes ? 2 : 1;
    }
    return r->conversation == 2;
}

/* decisive._person once the form is a name's: _RELATION.search in the 30 characters
   before, then _SELF.match after. 2: not ASCII there (IGNORECASE folds "ſ" and "K"), or
   "from" after it (_FROM's teams and places), ask Python. */
int person_at(Seg *g, Py_ssize_t start, Py_ssize_t end)
{
    if (in_a_listing_line(g, start)) return 2;
    /* "09:12 Gemma: ...", a chat log's speaker: Python reads the time (decisive._listed) */
    if (end < g->len && CH(g, end) == ':') return 2;
    Py_ssize_t low = start - 30 > 0 ? start - 30 : 0;
    for (Py_ssize_t i = low; i < start; i++) if (CH(g, i) > 127) return 2;
    /* `$`: the window's end, or before a newline that ends it */
    for (int last = 0; last < 2; last++) {
        Py_ssize_t p = start - last;
        if (last && !(p >= low && CH(g, p) == '\n')) break;
        Py_ssize_t q = p;
        while (q > low && (CH(g, q - 1) == ' ' || CH(g, q - 1) == '\t')) q--;
        if (q == p) continue;
        if (word_before(g, low, q, RELATIONS, N_RELATIONS) >= 0) return 1;
    }
    /* "my dog Jasper", "our student volunteer, Adam", "Dear Claude": Python reads the words
       before (decisive._OWNED, _DEAR) */
    Py_ssize_t w = start;
    while (w > low && (CH(g, w - 1) == ' ' || CH(g, w - 1) == '\t' || CH(g, w - 1) == '\n' ||
                       CH(g, w - 1) == ','))
        w--;
    static const char *const DEAR[] = {"dear"};
    /* and a title ("Mrs Gemma Okoro", "Dr. Adam"): decisive._TITLE */
    static const char *const TITLES[] = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir",
                                         "dame", "lady", "lord"};
    if (w > low && CH(g, w - 1) == '.') w--;
    /* "ask for Claude", and a name joined to one before it ("my sister Gemma and Claude"):
       decisive._ASKED_FOR, _ANOTHER_AND */
    static const char *const JOINED[] = {"for", "or", "and"};
    /* "our associate teachers, Jasper": the plural, with its comma (decisive._OWNED) */
    Py_ssize_t plural = w > low && CH(g, w - 1) == 's' ? w - 1 : -1, comma = w;
    if (plural > low && CH(g, plural - 1) == 'e') plural--;
    while (comma < start && CH(g, comma) != ',') comma++;
    if (plural > low && comma < start &&
        (word_before(g, low, plural, PEOPLE, N_PEOPLE) >= 0 ||
         word_before(g, low, w - 1, PEOPLE, N_PEOPLE) >= 0 ||
         word_before(g, low, plural, RELATIONS, N_RELATIONS) >= 0 ||
         word_before(g, low, w - 1, RELATIONS, N_RELATIONS) >= 0))
        return 2;
    if (w < start && (word_before(g, low, w, PEOPLE, N_PEOPLE) >= 0 ||
                      word_before(g, low, w, JOINED, sizeof JOINED / sizeof *JOINED) >= 0 ||
                      word_before(g, low, w, RELATIONS, N_RELATIONS) >= 0 ||
                      word_before(g, low, w, DEAR, 1) >= 0 ||
                      word_before(g, low, w, TITLES, sizeof TITLES / sizeof *TITLES) >= 0))
        return 2;
    /* "Gemma's boyfriend": Python reads what follows the possessive (decisive._KIN) */
    if (end < g->len && (CH(g, end) == '\'' || CH(g, end) == 0x2019)) return 2;
    /* "Jasper the dog", "Claude, our head coach": Python reads who the name is said to be
       (decisive._APPOSITION) */
    Py_ssize_t a = end < g->len && CH(g, end) == ',' ? end + 1 : end, d = a;
    while (d < g->len && (CH(g, d) == ' ' || CH(g, d) == '\t')) d++;
    for (size_t k = 0; d > a && k < sizeof DETERMINERS / sizeof *DETERMINERS; k++) {
        Py_ssize_t n = (Py_ssize_t)strlen(DETERMINERS[k]);
        int t = ascii_word_at(g, d, DETERMINERS[k], n);
        if (t < 0 || (t && d + n < g->len && (CH(g, d + n) == ' ' || CH(g, d + n) == '\t')))
            return 2;
    }
    /* "Claude, who is in the studio with his guide dog": Python reads the clause
       (decisive._WHO) */
    if (d > a && a > end) {
        int t = ascii_word_at(g, d, "who", 3);
        if (t < 0 || (t && d + 3 < g->len && (CH(g, d + 3) == ' ' || CH(g, d + 3) == '\t')))
            return 2;
    }
    /* "Claude, or Gemma from HR": decisive._AND_ANOTHER, after a comma */
    for (int k = 0; d > a && a > end && k < 2; k++) {
        Py_ssize_t n = k ? 3 : 2;
        int t = ascii_word_at(g, d, k ? "and" : "or", n);
        if (t < 0 || (t && (d + n == g->len || !is_word(CH(g, d + n))))) return 2;
    }
    Py_ssize_t q = end;
    while (q < g->len && (CH(g, q) == ' ' || CH(g, q) == '\t')) q++;
    if (q == end) return 0;
    for (int k = 0; k < 2; k++) {
        int t = ascii_word_at(g, q, k ? "herself" : "himself", 7);
        if (t < 0) return 2;
        if (t && (q + 7 == g->len || !is_word(CH(g, q + 7)))) return 1;
    }
    /* "Gemma from HR", "Claude from next door", "Adam in sales", "Claude here from the
       support team": Python reads what follows (decisive._FROM, _IN, _FROM_GROUP) */
    int from = ascii_word_at(g, q, "from", 4);
    if (from < 0 || (from && (q + 4 == g->len || !is_word(CH(g, q + 4))))) return 2;
    int here = ascii_word_at(g, q, "here", 4); /* "Claude here from the support team" */
    if (here < 0 || (here && (q + 4 == g->len || !is_word(CH(g, q + 4))))) return 2;
    /* and "Adam next door", "Claude over the road", "Claude or Gemma from the team",
       "Gemma and the team", "Claude on C shift": decisive._NEARBY, _AND_ANOTHER,
       _AND_PEOPLE, _ON_DUTY */
    static const char *const AFTER[] = {"in", "next", "down", "across", "over", "up",
                                        "upstairs", "downstairs", "or", "and", "on"};
    for (size_t k = 0; k < sizeof AFTER / sizeof *AFTER; k++) {
        Py_ssize_t n = (Py_ssize_t)strlen(AFTER[k]);
        int t = ascii_word_at(g, q, AFTER[k], n);
        if (t < 0 || (t && (q + n == g->len || !is_word(CH(g, q + n))))) return 2;
    }
    for (Py_ssize_t i = q; i < q + 7 && i < g->len; i++) if (CH(g, i) > 127) return 2;
    /* "Jasper (trainee)", "Jasper Lee (trainee)": Python reads the bracket (decisive._ROLE) */
    Py_ssize_t b = q;
    if (b < g->len && CH(g, b) >= 'A' && CH(g, b) <= 'Z') {
        while (b < g->len && CH(g, b) != ' ' && CH(g, b) != '\t' && CH(g, b) != '(') b++;
        while (b < g->len && (CH(g, b) == ' ' || CH(g, b) == '\t')) b++;
    }
    if (b < g->len && CH(g, b) == '(') return 2;
    return 0;
}

/* decisive._CALLED.search in the 30 characters before a capitalised form: "a horse called
   Grok", "a friend named Claude", "her son is called Claude". 2: not ASCII there, ask
   Python (decisive._person). */
static int called_at(Seg *g, Py_ssize_t start)
{
    Py_ssize_t low = start - 30 > 0 ? start - 30 : 0;
    for (Py_ssize_t i = low; i < start; i++) if (CH(g, i) > 127) return 2;
    for (int last = 0; last < 2; last++) { /* `$`: as in person_at */
        Py_ssize_t p = start - last;
        if (last && !(p >= low && CH(g, p) == '\n')) break;
        Py_ssize_t q = p;
        while (q > low && (CH(g, q - 1) == ' ' || CH(g, q - 1) == '\t')) q--;
        if (q == p) continue;
        Py_ssize_t one = word_before(g, low, q, NAMED_ONES, 6); /* "named ours Claude" */
        if (one >= 0) {
            Py_ssize_t v = one;
            while (v > low && (CH(g, v - 1) == ' ' || CH(g, v - 1) == '\t')) v--;
            if (v < one && word_before(g, low, v, CALLED, 2) >= 0) return 1;
        }
        Py_ssize_t verb = word_before(g, low, q, CALLED, 2);
        if (verb < 0) continue;
        Py_ssize_t b = verb;
        while (b > low && (CH(g, b - 1) == ' ' || CH(g, b - 1) == '\t')) b--;
        if (b < verb) { /* "her boyfriend is called Claude" */
            Py_ssize_t copula = word_before(g, low, b, COPULAS, 2);
            if (copula >= 0) {
                b = copula;
                while (b > low && (CH(g, b - 1) == ' ' || CH(g, b - 1) == '\t')) b--;
                if (b == copula) continue;
            }
        }
        if (b < verb && (word_before(g, low, b, RELATIONS, N_RELATIONS) >= 0 ||
                         word_before(g, low, b, PEOPLE, N_PEOPLE) >= 0 ||
                         word_before(g, low, b, NAMED_ONES, 6) >= 0))
            return 1;
    }
    return 0;
}

/* decisive.unit_after_a_number: a unit of size ("4 KB", "1.5\u00a0KB": SIZE_UNITS, then
   _NUMBER_BEFORE, a digit and spaces within the 8 characters before it). */
static const char *const SIZE_UNITS[] = {"kb", "mb", "gb", "tb", "pb", "kib", "mib", "gib", "tib"};

static int unit_after_a_number(Seg *g, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t n = end - start;
    if (n < 2 || n > 3) return 0;
    char lower[4];
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = CH(g, start + i);
        if (c > 127) return 0;
        lower[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    lower[n] = '\0';
    int unit = 0;
    for (size_t k = 0; k < sizeof SIZE_UNITS / sizeof SIZE_UNITS[0] && !unit; k++)
        unit = strcmp(lower, SIZE_UNITS[k]) == 0;
    if (!unit) return 0;
    Py_ssize_t low = start - 8 > 0 ? start - 8 : 0, i = start;
    while (i > low) {
        Py_UCS4 c = CH(g, i - 1);
        if (c != ' ' && c != '\t' && c != 0xA0 && c != 0x202F) break;
        i--;
    }
    return i > low && Py_UNICODE_ISDECIMAL(CH(g, i - 1));
}

static int ascii_letter(Py_UCS4 c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

/* decisive.letters_after_a_name: an acronym right after a person's full name and a comma
   ("Jasper Moran, LLM, a specialist in media law"), before _AFTER_LETTERS. */
static int letters_after_a_name(Seg *g, Py_ssize_t start, Py_ssize_t end)
{
    if (end - start < 2 || end - start > 6) return 0;
    for (Py_ssize_t i = start; i < end; i++)
        if (!(CH(g, i) >= 'A' && CH(g, i) <= 'Z')) return 0;
    if (end < g->len) { /* _AFTER_LETTERS */
        Py_UCS4 a = CH(g, end);
        int fits = a == ',' || a == ';' || a == ')' || a == '\n';
        if (a == '.')
            fits = end + 1 == g->len || CH(g, end + 1) == ' ' || CH(g, end + 1) == '\t' ||
                   CH(g, end + 1) == '\n';
        if (!fits) return 0;
    }
    Py_ssize_t comma = start;
    while (comma > 0 && (CH(g, comma - 1) == ' ' || CH(g, comma - 1) == '\t')) comma--;
    if (comma == start || comma == 0 || CH(g, comma - 1) != ',') return 0;
    Py_ssize_t surname = comma - 1;
    while (surname > 0 && (ascii_letter(CH(g, surname - 1)) || CH(g, surname - 1) == '\'' ||
                           CH(g, surname - 1) == '-'))
        surname--;
    if (comma - 1 - surname < 2 || !(CH(g, surname) >= 'A' && CH(g, surname) <= 'Z')) return 0;
    int lower = 0;
    for (Py_ssize_t i = surname; i < comma - 1 && !lower; i++)
        lower = CH(g, i) >= 'a' && CH(g, i) <= 'z';
    if (!lower) return 0;
    Py_ssize_t space = surname;
    while (space > 0 && (CH(g, space - 1) == ' ' || CH(g, space - 1) == '\t')) space--;
    Py_ssize_t first = space;
    while (first > 0 && ascii_letter(CH(g, first - 1))) first--;
    if (space == surname || space - first < 2 || !(CH(g, first) >= 'A' && CH(g, first) <= 'Z'))
        return 0;
    for (Py_ssize_t i = first + 1; i < space; i++)
        if (!(CH(g, i) >= 'a' && CH(g, i) <= 'z')) return 0;
    return !(first > 0 && (CH(g, first - 1) == '\'' || CH(g, first - 1) == '-'));
}

/* 1 and the weight when settled, 0 when not, -1 on error */
int decisive(Req *r, Cand *c, double *weight)
{
    Judge *j = r->j;
    Sense *s = &j->senses[c->sense];
    Seg *g = &r->segs[c->seg];
    Py_ssize_t start = c->cs, end = c->ce;
    int t;
    if (s->has_never) {
        t = may_hold(r, s, c->sense, c->seg);
        if (t < 0) return -1;
        if (t) t = never_around(r, s, c->sense, g, start, end);
        if (t < 0) return -1;
        if (t == 1) { *weight = j->w[W_NEVER]; return 1; }
        if (t == 2) t = never_nearby(r, s, c->sense, g, start, end);
        if (t < 0) return -1;
        if (t) {
            if (!shaped_of(g)) return -1;
            PyObject *a = py_int(start), *b = py_int(end);
            if (!a || !b) { Py_XDECREF(a); Py_XDECREF(b); return -1; }
            t = truth(r, PyObject_CallFunctionObjArgs(j->cb_never, s->py, g->text, g->shaped, a, b, NULL));
            Py_DECREF(a); Py_DECREF(b);
            if (t < 0) return -1;
            if (t) { *weight = j->w[W_NEVER]; return 1; }
        }
    }
    if (end < g->len && CH(g, end) == '-' && digits_then_boundary(g, end + 1) &&
        is_upper(g, start, end)) {
        *weight = j->w[W_NAME];
        return 1;
    }
    if (unit_after_a_number(g, start, end) || letters_after_a_name(g, start, end)) {
        *weight = j->w[W_NEVER];
        return 1;
    }
    int ascii = PyUnicode_IS_ASCII(g->text);
    const unsigned char *text = ascii ? PyUnicode_1BYTE_DATA(g->text) : NULL;
    if (may_be_a_name(j, g, start, end)) {
        PyObject *found;
        if (ascii) {
            Py_ssize_t at;
            found = name_around(j, text, g->len, start, end, &at) ? PyLong_FromSsize_t(at)
                                                                  : Py_NewRef(Py_None);
        } else {
            PyObject *a = py_int(start), *b = py_int(end);
            if (!a || !b) { Py_XDECREF(a); Py_XDECREF(b); return -1; }
            found = PyObject_CallFunctionObjArgs(j->cb_name, g->text, a, b, NULL);
            Py_DECREF(a); Py_DECREF(b);
        }
        if (!found) return -1;
        if (found != Py_None) {
            Py_ssize_t name_start = PyLong_AsSsize_t(found);
            Py_DECREF(found);
            if (name_start == -1 && PyErr_Occurred()) return -1;
            int inside = 0;
            for (int i = 0; i < g->ncands && !inside; i++) {
                Cand *o = &r->cands[g->cands[i]];
                if (code_points(r, o) < 0) return -1;
                inside = o->cs <= name_start && name_start < o->ce;
            }
            if (!inside) { *weight = name_start < 0 ? j->w[W_JOINED_NAME] : j->w[W_NAME]; return 1; }
        } else {
            Py_DECREF(found);
        }
    }
    if (s->has_names) {
        if (facts(r, c) < 0 || !key_of(r, c)) return -1;
        t = PySet_Contains(s->names, c->key);
        if (t < 0) return -1;
        if (t) {
            t = person_at(g, start, end);
            if (t == 2) t = call_person(r, s, g, start, end);
            if (t < 0) return -1;
            if (t) { *weight = j->w[W_PERSON]; c->person = (char)t; return 1; }
        } else if (end - start > 2 && (CH(g, end - 1) == 's' || CH(g, end - 1) == 'S')) {
            /* a name in the plural ("Orcas off Mull"): Python decides (decisive._person) */
            t = call_person(r, s, g, start, end);
            if (t < 0) return -1;
            if (t) { *weight = j->w[W_PERSON]; c->person = (char)t; return 1; }
        }
    }
    if (is_upper_first(g, start, end)) {
        t = called_at(g, start);
        if (t == 2) t = call_person(r, s, g, start, end);
        if (t < 0) return -1;
        if (t) { *weight = j->w[W_PERSON]; c->person = (char)t; return 1; }
    }
    if (s->has_names && speaking(g, start, end)) {
        /* "Jasper: define small", in a conversation between people (decisive._speaking) */
        if (facts(r, c) < 0 || !key_of(r, c)) return -1;
        t = PySet_Contains(s->names, c->key);
        if (t > 0) t = in_conversation(r);
        if (t < 0) return -1;
        if (t) { *weight = j->w[W_PERSON]; c->person = 2; return 1; }
    }
    /* _surname_after: a capitalised form, then [ \t]+[A-Z][a-z] */
    if (is_upper_first(g, start, end) && end < g->len) {
        Py_ssize_t q = end;
        while (q < g->len && (CH(g, q) == ' ' || CH(g, q) == '\t')) q++;
        if (q > end && q + 1 < g->len) {
            Py_UCS4 a = CH(g, q), b = CH(g, q + 1);
            if (a >= 'A' && a <= 'Z' && b >= 'a' && b <= 'z') {
                t = ascii ? surname_after(r, text, g->len, start, end)
                          : call_text(r, j->cb_surname, NULL, g, start, end, 1);
                if (t < 0) return -1;
                if (t) { *weight = j->w[W_NAME]; c->person = 1; return 1; }
            }
        }
    }
    return 0;
}

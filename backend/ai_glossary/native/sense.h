/* The sense judgement's non-explaining path (SenseJudge.judge with explain=False), in C.

   A port of backend/ai_glossary/service/sense/{judge,texts,decisive}.py, step for step, so
   that every verdict is the Python path's: the same additions in the same order, the same
   rounding (tests/backend/service/test_native_sense.py compares the two). Tables and
   weights come from Python once (service/sense/handover.py). Text is shaped by shape.c
   (the matcher's shaper), split and tested for names, idioms, surnames, persons, versions
   and identifiers here; what is rare, or not ASCII, calls the Python code itself once a
   cheap test here lets it through (`Callbacks` in handover.py: a value after a form, a
   form's facts, and names, persons and idioms around text that is not ASCII). Anything unusual in a request (offsets out of range, a
   lone surrogate) makes `judge` return False, having set nothing: the caller then runs
   the Python path.

   This header: the tables, a request's state, and what the files share; tables.c,
   blocks.c, decisive.c, weighing.c and sense.c (the module) hold the rest. */

#ifndef AI_GLOSSARY_SENSE_H
#define AI_GLOSSARY_SENSE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shape.h"

/* Everything here stays inside the module: only PyInit__native is exported. */
#pragma GCC visibility push(hidden)

/* The order of handover.WEIGHTS. */
enum {
    W_SENTENCE, W_BLOCK, W_NEXT, W_TWO, W_ELSEWHERE, W_CONFIDENT_TERM, W_RELATED_TERM,
    W_OTHER_AMBIGUOUS, W_OWN_WORDS, W_OWN_WORDS_CAP, W_CUE_FOR, W_CUE_AGAINST,
    W_VERSION_AFTER, W_VALUE_AFTER, W_PAGE_IS_AI, W_ABOUT_AI_BLOCKS, W_ABOUT_AI_SPREAD,
    W_ABOUT_AI_TERMS, W_ABOUT_AI_SHARE, W_ABOUT_AI_TEXT_SHARE, W_NEVER, W_NAME, W_JOINED_NAME,
    W_PERSON,
    W_THRESHOLD, W_DECIDED, W_LONG_BLOCK, W_SPEAKS, W_SUPPORTING, W_UNUSUAL,
    W_SHORT_SENTENCE, W_RETURNED, W_RELATED_PAIR, W_MIN_UNUSUAL, W_DISCOURSE_SPREAD,
    W_DISCOURSE, W_PAIRED_RARITY, W_DISCOURSE_RELATED_BLOCKS, W_DISCOURSE_REPEATS,
    W_SIZE_IN_SENTENCE, W_ASKED_OR_ANSWERING, W_PHRASE_AROUND, W_LISTED_NAME,
    W_AI_PASSAGE_MARK, W_AI_PASSAGE_SPAN, W_STRAY_BLOCKS, W_BORROWED_ON_AN_AI_PAGE, W_COUNT
};

/* Where evidence is, as in judge._places. */
enum { P_SENTENCE, P_BLOCK, P_NEXT, P_TWO };

typedef struct { int32_t *ids; int n; } Ints;

/* A word table's slot: the word's whole hash, its id + 1 (0: empty) and where the arena
   holds it, so that a look-up reads the slot and then the word, two places in memory. With
   the id alone, it also read the word's hash, length and code points from three arrays: in
   the server, scanning words was the judgement's largest cost (perf). */
typedef struct { uint64_t hash; uint32_t id1; uint32_t at; } WordSlot;
typedef struct { Ints words; Ints *phrases; int nphrases; } Cues;

/* A never phrase: its words, each as the options of decisive._never_pattern, in order. */
typedef struct { char **options; int noptions; } Piece;
typedef struct {
    Piece *pieces;
    int npieces;
    int crosses_marks; /* decisive.crosses_marks: clause marks may split its words */
    int name;          /* decisive.is_a_name: no word between its words, no inflection */
    uint64_t first[4]; /* first bytes of pieces[0]'s options */
} Pattern;

typedef struct {
    PyObject *py;  /* the Sense */
    int slug;
    double prior;
    Ints related, paired, narrow_set, own_ids, form_words, never_words;
    int32_t *never_set; uint32_t never_mask; /* never_words again, as a set (never_word) */
    /* the never phrases holding each word of never_set, by slot: never_phrase[never_from[i]
       .. never_from[i + 1]) (never_around) */
    int32_t *never_from, *never_phrase;
    double *own_rarity;
    /* A filter of the words the pair table holds for this sense (own words, cues): a bit by
       word, hashed; clear, the word is none of them. */
    uint64_t *word_bits; int word_bits_shift;
    Cues for_ai, against;
    int has_never, never_star, borrowed, narrow, capital, answers, product;
    Ints *never; int nnever; /* each never phrase's other words */
    Pattern *patterns; /* each never phrase as decisive._never_pattern reads it, or NULL:
                          a phrase not all ASCII is left to Python */
    PyObject *names, *versioned, *values; /* frozensets, tuple or None */
    int has_names, has_versioned, has_values;
    PyObject *form_priors; /* dict: a form's key -> its own prior less the entry's */
    int has_form_priors;
} Sense;

typedef struct {
    PyObject_HEAD
    /* vocabulary: words as code points, in an open-addressing table */
    Py_ssize_t nwords;
    uint32_t **word_cps; /* into `arena` */
    uint32_t *arena; /* each word's length then its code points, one after the other */
    Py_ssize_t *word_len;
    uint64_t *word_hash;
    WordSlot *slots;
    uint64_t mask;
    ShapeTables shape; /* shaping.unicode_tables(), for shape.c */
    PyObject *slug_ids; /* dict: slug -> id */
    Py_ssize_t nslugs;
    Sense *senses;
    Py_ssize_t nsenses;
    int32_t *sense_of_slug; /* slug id -> sense index or -1 */
    unsigned char *borrowed; /* by slug id */
    double w[W_COUNT];
    PyObject *callbacks, *verdict_type, *not_weighed;
    PyObject *cb_facts, *cb_never, *cb_name, *cb_person, *cb_surname, *cb_value, *cb_longer;
    PyObject *cb_defined, *cb_answering, *cb_phrase, *cb_conversation;
    PyObject *placing_words; /* common words that make a size after them a room's, a class's */
    char not_names[192][16];
    int nnot_names;
    /* (sense, word) -> what the word is to the sense (F_*), in one open-addressing table:
       one probe where sorted arrays took four binary searches a word */
    uint64_t *pairs; /* key << 32 | flags << 24 | own index; 0: empty */
    uint64_t pair_mask;
    double *unusual; /* by word: SenseJudge._unusual, 0.0 for the others */
    unsigned char *known; /* by word: one of SenseJudge._known_words */
    int ready; /* built in full */
} Judge;

enum { F_OWN = 1, F_FOR = 2, F_AGAINST = 4 }; /* never words: Sense.never_set */

/* ---------- per request ---------- */

typedef struct Chunk { struct Chunk *next; size_t used, cap; double data[]; } Chunk;

/* Verdict: far_only, what spoke against it was only cues against elsewhere in the request */
typedef struct { double score; char kept, against, far_only; } V;

typedef struct Memo {
    struct Memo *next;
    int kind, sense, sentence;
    V v;           /* first verdicts; `v.kept`: may hold (never) */
    double score;  /* words: Found.score */
    Ints against;  /* words: the cues against found (ids) */
} Memo;

enum { M_FIRST, M_WORDS, M_NEVER };

typedef struct { int done; int32_t *ids; int n; int a, b; } Text; /* distinct ids; words [a, b) */

/* A word of the request: its hash, its block and where in the block's shape. */
typedef struct Spot { uint64_t hash; Py_ssize_t start; int32_t len, seg; } Spot;

typedef struct {
    PyObject *text; /* borrowed from the segments */
    int kind; const void *data; Py_ssize_t len;
    int *cands; int ncands; int *judged; int njudged;
    int32_t *conf; int nconf;
    int ends_done; Py_ssize_t *ends; int nends;
    int points_done; Py_ssize_t *points; Py_ssize_t units; /* NULL: the same offsets */
    int ekind; const void *edata; /* the shape Request.everything has of it */
    Py_ssize_t spot_a, spot_b; /* its words' spots in Request.everything (every_words) */
    int words_done; PyObject *shaped; char *sbuf; int skind; const void *sdata; int32_t *wid; Py_ssize_t *wpos, *wend; Py_ssize_t nw; /* each word's id, start, end */
    Text all; Text *sentences;
    int with_terms; /* sentences holding a term with no other sense, -1: not yet */
    int long_block; /* -1: not yet */
    int capitals;   /* whether any character changes in lower case; -1: not yet */
    Memo *memo;
} Seg;

typedef struct {
    PyObject *obj;
    int seg; Py_ssize_t start, end; int slug; int ambiguous; int sense;
    int cp_done; Py_ssize_t cs, ce;
    int sentence; /* -1: not yet */
    char first_done, sup_done, ret_done, pl_done, pl_none, facts_done;
    /* what settles it alone (judge.SenseJudge._stop): worked out, settled, by a person's
       evidence (decisive.PERSONS), and its weight */
    char stop_done, stopped, person;
    /* weighing.marked_in_its_block, one answer for its block's occurrences of its sense:
       0 not yet worked out, 1 no, 2 yes */
    char in_block;
    double stop;
    V first, sup, ret;
    double plausible, rarity;
    PyObject *key; /* borrowed from the facts dict or the request's own keys */
    char *kbuf; Py_ssize_t klen; /* the key, when worked out here (ASCII) */
} Cand;

typedef struct {
    Judge *j;
    Chunk *chunk;
    int fallback;
    Py_ssize_t nseg;
    Seg *segs;
    Cand *cands; Py_ssize_t ncands;
    int *judged; int njudged;
    int page;
    PyObject *segments, *facts, *extra_slugs, *keys;
    /* Request.everything: its words' spots, each spot's word (as its first spot), the spots
       of a word in a chain from the first, and a table of the words by hash */
    int every_done; struct Spot *every_spots; Py_ssize_t every_n;
    int32_t *every_word, *every_head, *every_next, *every_slots; uint64_t every_mask;
    uint64_t *seen; const int32_t *marked; int nmarked; /* bits by word: the words `marked` */
    int *elsewhere_done; Ints *elsewhere;
    signed char *established; /* by sense: -1 not yet */
    /* by sense: where a person's evidence settles its occurrences (judge._Weighing.
       _persons_places): worked out, in how many sentences (2: two or more), the first */
    struct Persons { char done, n, listed[2]; int seg, sentence; } *persons;
    /* the blocks holding terms with no other sense: how many, the first, the last (once) */
    int terms_done, terms_blocks; Py_ssize_t terms_low, terms_high;
    int **by_sense; int *nby_sense;
    /* acronyms the text defines as something else: key -> (slug, definition), or NULL when
       none (definitions.Acronyms.defined_otherwise) */
    PyObject *defined;
    /* whether people speak to each other in it, line by line (decisive.in_conversation):
       0 not yet asked, 1 no, 2 yes */
    char conversation;
} Req;

#define CH(g, i) PyUnicode_READ((g)->kind, (g)->data, (i))

void *alloc(Req *r, size_t n);
void *zalloc(Req *r, size_t n);
double round3(double x);
double pysum(const double *xs, int n);
V with(Judge *j, V v, double weight);
int cmp_int32(const void *a, const void *b);
int sort_unique(int32_t *xs, int n);
void sort_descending(double *xs, int n);
uint64_t hash_cps(int kind, const void *data, Py_ssize_t a, Py_ssize_t b);
int32_t lookup(Judge *j, const WordSlot *slots, uint64_t mask, int kind, const void *data,
                      Py_ssize_t a, Py_ssize_t b);
int32_t lookup_hashed(Judge *j, const WordSlot *slots, uint64_t mask, uint64_t h, int kind,
                      const void *data, Py_ssize_t a, Py_ssize_t b);
Py_ssize_t scan_words(Judge *j, const WordSlot *slots, uint64_t mask, int kind, const void *data,
                      Py_ssize_t len, Py_ssize_t readable, int32_t *ids, Py_ssize_t *pos,
                      Py_ssize_t *end);
int32_t word_id(Judge *j, int kind, const void *data, Py_ssize_t a, Py_ssize_t b);
void table_add(Judge *j, WordSlot *slots, uint64_t mask, int32_t id);
int split_words(Req *r, int kind, const void *data, Py_ssize_t len, Py_ssize_t readable, Seg *g);
int words_of_spots(Req *r, Seg *g);
int mark(Req *r, const int32_t *ids, int n);
int distinct_of(Req *r, const int32_t *ids, Py_ssize_t a, Py_ssize_t b, Text *t);
int find_ends(Req *r, Seg *g);
int ensure_points(Req *r, Seg *g);
int code_points(Req *r, Cand *c);
int sentence_of(Req *r, Cand *c);
/* An ASCII block's shape, NUL-terminated and padded so that words are read 8 bytes at a time */
#define SHAPE_PADDING 8
char *shaped_ascii(Req *r, const unsigned char *text, Py_ssize_t len);
PyObject *shaped_of(Seg *g);
int ensure_words(Req *r, Seg *g);
Text *sentence_text(Req *r, Seg *g, int sentence);
int confident_in(Req *r, Seg *g, int sentence, int32_t *out);
int sentences_with_terms(Req *r, Seg *g);
Py_ssize_t count_words(Seg *g, Py_ssize_t a, Py_ssize_t b);
int is_long(Req *r, int segment);
int mixed_case(const unsigned char *t, Py_ssize_t n);
int ascii_facts(Req *r, Cand *c, const unsigned char *t, Py_ssize_t n);
PyObject *key_of(Req *r, Cand *c);
int facts(Req *r, Cand *c);
int truth(Req *r, PyObject *result);
int call_text(Req *r, PyObject *fn, PyObject *sense, Seg *g, Py_ssize_t start, Py_ssize_t end, int with_start);
int may_hold(Req *r, Sense *s, int si, int segment);
int never_nearby(Req *r, Sense *s, int si, Seg *g, Py_ssize_t start, Py_ssize_t end);
int never_around(Req *r, Sense *s, int si, Seg *g, Py_ssize_t start, Py_ssize_t end);
int is_upper_first(Seg *g, Py_ssize_t start, Py_ssize_t end);
int ends_a_sentence(int kind, const void *data, Py_ssize_t at, Py_ssize_t n);
int may_be_a_name(Judge *j, Seg *g, Py_ssize_t start, Py_ssize_t end);
int not_a_name(Judge *j, const unsigned char *w, Py_ssize_t n);
int ascii_upper(const unsigned char *t, Py_ssize_t n);
int ascii_lower(const unsigned char *t, Py_ssize_t n);
int title_case(const unsigned char *t, Py_ssize_t n);
Py_ssize_t previous_word(const unsigned char *b, Py_ssize_t n, Py_ssize_t *word_end);
int name_around(Judge *j, const unsigned char *text, Py_ssize_t len, Py_ssize_t start,
                       Py_ssize_t end, Py_ssize_t *name_start);
int surname_after(Req *r, const unsigned char *text, Py_ssize_t len, Py_ssize_t start,
                         Py_ssize_t end);
int decisive(Req *r, Cand *c, double *weight);
int digits_then_boundary(Seg *g, Py_ssize_t at);
int is_upper(Seg *g, Py_ssize_t start, Py_ssize_t end);
int version_after(Seg *g, Py_ssize_t end);
int size_in(Req *r, Seg *g, Py_ssize_t a, Py_ssize_t b);
int person_at(Seg *g, Py_ssize_t start, Py_ssize_t end);
int phrase_in(Req *r, const int32_t *ids, Py_ssize_t a, Py_ssize_t b, const Ints *phrase);
int padded_count(const int32_t *ids, int a, int b, int32_t word);
int cmp_desc(const void *a, const void *b);
Memo *words_found(Req *r, int si, int segment, int sentence);
Ints *elsewhere(Req *r, int si);
int places_of(Req *r, int segment, int *where, int *index);
double terms_weight(Judge *j, Sense *s, const int32_t *slugs, int n);
int weights_of(Req *r, int segment, int sentence, double *w, int32_t *scratch);
int score_of(Req *r, int si, int segment, int sentence, double *out, int *against,
             int *far_only);
int first(Req *r, Cand *c, V *out);
int plausible(Req *r, Cand *c, double *unusual);
int is_short(Req *r, int segment, int sentence);
int paired(Req *r, Sense *s, Cand *other, Cand *c, int sentence);
int supported(Req *r, Cand *c, V *out);
int returned(Req *r, Cand *c, V *out);
int established(Req *r, int si);
int final(Req *r, Cand *c, V *out);
int about_ai(Req *r);

/* Small helpers, inlined where they are called. */

static inline int ascii_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int ascii_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static inline int has(const Ints *s, int32_t x)
{
    int lo = 0, hi = s->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (s->ids[mid] < x) lo = mid + 1; else if (s->ids[mid] > x) hi = mid; else return 1;
    }
    return 0;
}

/* Whether a word is one of a sense's never words: a probe in a set of a few hundred bytes,
   where the pair table (2 MB), which held them too, missed the caches once for every word
   of a block and of a window (may_hold, never_around). */
static inline uint32_t never_slot(int32_t w) { return ((uint32_t)w * 2654435761u) >> 8; }

static inline int never_at(const Sense *s, int32_t w)
{
    for (uint32_t i = never_slot(w) & s->never_mask;; i = (i + 1) & s->never_mask) {
        if (s->never_set[i] == w) return (int)i;
        if (s->never_set[i] < 0) return -1;
    }
}

static inline int never_word(const Sense *s, int32_t w) { return never_at(s, w) >= 0; }

static inline uint64_t pair_key(Judge *j, int sense, int32_t word)
{
    return (uint64_t)sense * (uint64_t)j->nwords + (uint64_t)word + 1;
}

static inline uint64_t *pair_slot(Judge *j, uint64_t key)
{
    for (uint64_t i = (key * 0x9E3779B97F4A7C15ULL) >> 20 & j->pair_mask;; i = (i + 1) & j->pair_mask)
        if (j->pairs[i] == 0 || j->pairs[i] >> 32 == key) return &j->pairs[i];
}

/* Sets of words as bits: 5 KB for 40,000 words, which stay in the first-level cache where a
   byte or a stamp by word was read from memory (perf, the caches emptied between pages). */
static inline int bit_of(const uint64_t *bits, int32_t w) { return (int)(bits[w >> 6] >> (w & 63) & 1); }

static inline void set_bit(uint64_t *bits, int32_t w) { bits[w >> 6] |= 1ULL << (w & 63); }

static inline size_t bits_size(Py_ssize_t n) { return sizeof(uint64_t) * (size_t)(n / 64 + 1); }

static inline uint32_t word_bit(const Sense *s, int32_t w)
{
    return ((uint32_t)w * 2654435761u) >> s->word_bits_shift;
}

/* Whether a word may be one the pair table holds for a sense: a bit read from about 1 KB
   (the sense's filter), where a probe of the pair table (2 MB) missed the caches for most
   words of a block. Judging 20 KB pages, 4% faster with first marks, 5% with every one
   (medians of 31 rounds, interleaved in one process). */
static inline int may_be_paired(const Sense *s, int32_t w) { return bit_of(s->word_bits, (int32_t)word_bit(s, w)); }

static inline int pair_of(Judge *j, int sense, int32_t word, int *own)
{
    uint64_t v = *pair_slot(j, pair_key(j, sense, word));
    if (own) *own = (int)(v & 0xFFFFFF);
    return (int)(v >> 24 & 0xFF);
}

/* A word's hash, the same whatever the width of the str it sits in: a word whose code
   points are all below 256 is hashed as those bytes, 8 at a time; any other, one code point
   at a time (FNV-1a). Either is then mixed. Look-ups compare the words themselves, so a
   collision costs a probe, never a wrong answer. Hashing a byte at a time was the largest
   cost of finding a request's words (perf: a multiplication waiting on the one before it,
   for every character). */
#define HASH_START 0xcbf29ce484222325ULL
#define BYTES_START 0x243f6a8885a308d3ULL

static inline uint64_t hash_step(uint64_t h, Py_UCS4 c) { return (h ^ c) * 0x100000001b3ULL; }

static inline uint64_t hash_end(uint64_t h)
{
    h ^= h >> 29; h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 32);
}

static inline uint64_t mix8(uint64_t h, uint64_t chunk)
{
    h = (h ^ chunk) * 0x9e3779b97f4a7c15ULL;
    return h ^ (h >> 32);
}

static inline uint64_t bytes_end(uint64_t h, Py_ssize_t n) { return hash_end(h ^ (uint64_t)n); }

/* Eight bytes from p, of which `readable` (the rest read as 0). Nearly always one load: as
   one copy of a varying size, it went through the stack (judging a page 5% slower). */
static inline uint64_t load8(const Py_UCS1 *p, Py_ssize_t readable)
{
    uint64_t x = 0;
    if (__builtin_expect(readable >= 8, 1))
        memcpy(&x, p, 8);
    else
        memcpy(&x, p, (size_t)readable);
    return x;
}

/* The end of the word of a 1-byte shape t[0:len] that starts at `at`, and its hash: t can be
   read up to t[readable] (readable >= len). Eight bytes at a time: the first boundary among
   them is the lowest byte equal to ' ' (a zero byte of x ^ 0x2020..., found without a
   branch), or the end of the shape. */
static inline Py_ssize_t word_end1(const Py_UCS1 *t, Py_ssize_t at, Py_ssize_t len,
                                   Py_ssize_t readable, uint64_t *hash)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    Py_ssize_t a = at;
    uint64_t h = BYTES_START;
    for (;;) {
        uint64_t x = load8(t + at, readable - at);
        uint64_t y = x ^ (SHAPE_BOUNDARY * ones);
        uint64_t stop = (y - ones) & ~y & highs;
        if (len - at < 8) stop |= (~0ULL << (8 * (len - at))) & highs;
        if (stop) {
            int k = __builtin_ctzll(stop) >> 3;
            if (k) h = mix8(h, x & (~0ULL >> (64 - 8 * k)));
            at += k;
            break;
        }
        h = mix8(h, x);
        at += 8;
    }
    *hash = bytes_end(h, at - a);
    return at;
}

static inline int in_marked(Req *r, int32_t w) { return bit_of(r->seen, w); }

static inline int is_closing(Py_UCS4 c) { return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == ')' || c == ']'; }

static inline int is_opening(Py_UCS4 c) { return c == '"' || c == '\'' || c == 0x201C || c == 0x2018 || c == '(' || c == '['; }

static inline int ensure_ends(Req *r, Seg *g) { return g->ends_done ? 0 : find_ends(r, g); }

static inline int sentence_at(Seg *g, Py_ssize_t position)
{
    int lo = 0, hi = g->nends;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (position < g->ends[mid]) hi = mid; else lo = mid + 1;
    }
    return lo;
}

static inline void span_of(Seg *g, int sentence, Py_ssize_t *start, Py_ssize_t *end)
{
    *start = sentence == 0 ? 0 : g->ends[sentence - 1];
    *end = sentence < g->nends ? g->ends[sentence] : g->len;
}

static inline PyObject *py_int(Py_ssize_t x) { return PyLong_FromSsize_t(x); }

static inline int word_char(unsigned char c) { return ascii_alnum(c) || c == '_'; } /* \w */

static inline int is_space(unsigned char c) { return Py_UNICODE_ISSPACE(c); }           /* \s */

#pragma GCC visibility pop

#endif

/* ai_glossary.matching._native: Matcher.find and find_many in one pass per text.
 *
 * The reference is ai_glossary.matching.matcher (with shaping and offsets); this gives exactly
 * its results. Keys live in a trie (trie.c) read forwards from each word start: the deepest
 * key followed by a boundary is the longest form starting there, the candidate the Python
 * path's reversed automaton reports first. Shaping (shape.c), the walk (a run of white space
 * read as one boundary), leftmost-longest choice, the case check and UTF-16 offsets are one
 * pass per text. A case-sensitive key whose text is neither one of its spellings nor its case
 * key goes back to Python's `_by_case`, which tries the shorter keys of its leading words.
 *
 * The types are immutable once built: requests share them and keep their buffers local. */
#include "shape.h"
#include "trie.h"

#include <stdint.h>
#include <string.h>

/* ---- Shaper: the Unicode tables, and shaping.normalize ---- */

typedef struct {
    PyObject_HEAD
    ShapeTables tables;
} Shaper;

static int Shaper_init(Shaper *self, PyObject *args, PyObject *kwargs)
{
    static char *names[] = {"marks", "expanding", NULL};
    PyObject *marks, *expanding;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO:Shaper", names, &marks, &expanding))
        return -1;
    shape_tables_clear(&self->tables); /* __init__ called twice */
    return shape_tables_init(&self->tables, marks, expanding);
}

static void Shaper_dealloc(Shaper *self)
{
    shape_tables_clear(&self->tables);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *Shaper_normalize(Shaper *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "normalize() takes a str");
        return NULL;
    }
    return shape_normalize(&self->tables, text);
}

static PyMethodDef Shaper_methods[] = {
    {"normalize", (PyCFunction)Shaper_normalize, METH_O, "shaping.normalize(text)"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ShaperType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "ai_glossary.matching._native.Shaper",
    .tp_basicsize = sizeof(Shaper),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Shaper(marks, expanding): the tables shaping needs (shaping.unicode_tables).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Shaper_init,
    .tp_dealloc = (destructor)Shaper_dealloc,
    .tp_methods = Shaper_methods,
};

/* ---- Scanner: the keys, and the matching ---- */

typedef struct {
    Py_ssize_t length; /* of the key, in code points of the collapsed text */
    PyObject *slug;    /* NULL when only case-sensitive forms share the key */
    PyObject *ambiguous;
    PyObject *exact; /* dict: spelling -> (slug, ambiguous), or NULL */
    PyObject *key;   /* the Python _Key, for `_by_case` */
    int shorter;     /* whether shorter keys of its leading words exist (`_Key.shorter`) */
} Meaning;

/* The first words of the keys, as a filter: a key can start only at a word that is its first
 * word (the text up to the key's first boundary), so a word whose bit is clear is passed over
 * without walking the trie. 2^16 bits (8 KB) stay in the first-level cache; the bundled
 * keys have 1,682 first words, so about 3% of other words pass and are walked for nothing.
 * Four words in five are passed over on the corpus, and each step of a walk is a read at
 * an address the step before gives (a cache miss the processor cannot get ahead of): the
 * wait on those reads was 42% of the scan (perf). find_many on 20 KB pages, the builds with
 * and without the filter side by side in one process: 157 -> 140 us a page. */
#define FIRST_WORD_BITS 16

typedef struct {
    PyObject_HEAD
    Shaper *shaper;
    PyObject *by_case;
    Meaning *meanings;
    Py_ssize_t meaning_count;
    Trie trie; /* the keys; a node's value is an index in `meanings` */
    uint64_t first_words[(1 << FIRST_WORD_BITS) / 64];
} Scanner;

/* White space is not collapsed in the buffer: the walk reads a run of it as one boundary, as
 * the Python path reads the text with runs collapsed (shaping.prepare), and offsets stay
 * those of the text. */
static inline int is_boundary(Py_UCS4 code)
{
    return code == SHAPE_BOUNDARY || code == SHAPE_SPACE;
}

/* The filter's hash of a word, a code point at a time: the same for a key's first word and
 * for a word of the text, whatever their width. */
static inline uint64_t first_word_step(uint64_t hash, Py_UCS4 code)
{
    return ((hash << 7) | (hash >> 57)) ^ code;
}

static inline uint64_t first_word_bit(uint64_t hash)
{
    return (hash * 0x9E3779B97F4A7C15ULL) >> (64 - FIRST_WORD_BITS);
}

static inline int may_start_a_key(const Scanner *self, uint64_t hash)
{
    uint64_t bit = first_word_bit(hash);
    return (self->first_words[bit >> 6] >> (bit & 63)) & 1;
}

/* The filter from the keys (a list of str): each key's first word, up to its first boundary. */
static void note_first_words(Scanner *self, PyObject *keys)
{
    memset(self->first_words, 0, sizeof(self->first_words));
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(keys); i++) {
        PyObject *key = PyList_GET_ITEM(keys, i);
        uint64_t hash = 0;
        for (Py_ssize_t at = 0; at < PyUnicode_GET_LENGTH(key); at++) {
            Py_UCS4 code = PyUnicode_READ_CHAR(key, at);
            if (is_boundary(code))
                break;
            hash = first_word_step(hash, code);
        }
        uint64_t bit = first_word_bit(hash);
        self->first_words[bit >> 6] |= (uint64_t)1 << (bit & 63);
    }
}

static void Scanner_clear_tables(Scanner *self)
{
    for (Py_ssize_t i = 0; i < self->meaning_count; i++) {
        Py_XDECREF(self->meanings[i].slug);
        Py_XDECREF(self->meanings[i].ambiguous);
        Py_XDECREF(self->meanings[i].exact);
        Py_XDECREF(self->meanings[i].key);
    }
    PyMem_Free(self->meanings);
    trie_clear(&self->trie);
    self->meanings = NULL;
    self->meaning_count = 0;
    Py_CLEAR(self->shaper);
    Py_CLEAR(self->by_case);
}

static void Scanner_dealloc(Scanner *self)
{
    Scanner_clear_tables(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* One meaning from a _Key (length, slug, ambiguous, exact, shorter). */
static int read_meaning(PyObject *key, Meaning *meaning)
{
    if (!PyTuple_Check(key) || PyTuple_GET_SIZE(key) != 5) {
        PyErr_SetString(PyExc_TypeError, "a key's value is a _Key tuple");
        return -1;
    }
    PyObject *slug = PyTuple_GET_ITEM(key, 1), *exact = PyTuple_GET_ITEM(key, 3);
    meaning->length = PyLong_AsSsize_t(PyTuple_GET_ITEM(key, 0));
    if (meaning->length == -1 && PyErr_Occurred())
        return -1;
    int ambiguous = PyObject_IsTrue(PyTuple_GET_ITEM(key, 2));
    int shorter = PyObject_IsTrue(PyTuple_GET_ITEM(key, 4));
    if (ambiguous < 0 || shorter < 0)
        return -1;
    meaning->shorter = shorter;
    if ((slug != Py_None && !PyUnicode_Check(slug)) || (exact != Py_None && !PyDict_Check(exact)) ||
        (slug == Py_None && exact == Py_None)) {
        PyErr_SetString(PyExc_TypeError, "a _Key has a str slug or an exact dict");
        return -1;
    }
    meaning->slug = slug == Py_None ? NULL : Py_NewRef(slug);
    meaning->ambiguous = Py_NewRef(ambiguous ? Py_True : Py_False);
    meaning->exact = exact == Py_None ? NULL : Py_NewRef(exact);
    meaning->key = Py_NewRef(key);
    return 0;
}

static int Scanner_init(Scanner *self, PyObject *args, PyObject *kwargs)
{
    static char *names[] = {"shaper", "keys", "by_case", NULL};
    PyObject *shaper, *keys, *by_case;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!OO:Scanner", names, &ShaperType, &shaper,
                                     &keys, &by_case))
        return -1;
    if (!PyCallable_Check(by_case)) {
        PyErr_SetString(PyExc_TypeError, "by_case must be callable");
        return -1;
    }
    Scanner_clear_tables(self);
    PyObject *items = PySequence_Fast(keys, "keys: a sequence of (key, _Key) pairs");
    if (items == NULL)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(items);
    self->shaper = (Shaper *)Py_NewRef(shaper);
    self->by_case = Py_NewRef(by_case);
    self->meanings = PyMem_Calloc((size_t)(n ? n : 1), sizeof(Meaning));
    PyObject *strings = PyList_New(n);
    if (self->meanings == NULL || strings == NULL) {
        if (strings != NULL)
            PyErr_NoMemory();
        goto error;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *pair = PySequence_Fast_GET_ITEM(items, i);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2 ||
            !PyUnicode_Check(PyTuple_GET_ITEM(pair, 0))) {
            PyErr_SetString(PyExc_TypeError, "keys: a sequence of (str, _Key) pairs");
            goto error;
        }
        if (read_meaning(PyTuple_GET_ITEM(pair, 1), &self->meanings[i]) < 0)
            goto error;
        self->meaning_count = i + 1;
        PyList_SET_ITEM(strings, i, Py_NewRef(PyTuple_GET_ITEM(pair, 0)));
    }
    if (trie_build(&self->trie, strings) < 0)
        goto error;
    note_first_words(self, strings);
    /* A run of white space is read as the one boundary keys hold between words. */
    self->trie.ascii_symbol[SHAPE_SPACE] = self->trie.ascii_symbol[SHAPE_BOUNDARY];
    Py_DECREF(strings);
    Py_DECREF(items);
    return 0;
error:
    Py_XDECREF(strings);
    Py_DECREF(items);
    Scanner_clear_tables(self);
    return -1;
}

/* Buffers for one text, sized for the longest text of a request. */
typedef struct {
    Py_UCS4 *shape;   /* of the text, white space uncollapsed (SHAPE_SPACE) */
    Py_UCS4 *spelled; /* a matched slice of the collapsed text, for case-sensitive keys */
} Buffers;

static void buffers_free(Buffers *buffers)
{
    PyMem_Free(buffers->shape);
    PyMem_Free(buffers->spelled);
}

static int buffers_alloc(Buffers *buffers, Py_ssize_t longest)
{
    memset(buffers, 0, sizeof(*buffers));
    size_t size = (size_t)longest + 1;
    buffers->shape = PyMem_Malloc(sizeof(Py_UCS4) * size);
    buffers->spelled = PyMem_Malloc(sizeof(Py_UCS4) * size);
    if (!buffers->shape || !buffers->spelled) {
        buffers_free(buffers);
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

/* Past the unit at `at`: one character, or a whole run of white space. */
static inline Py_ssize_t next_unit(const Py_UCS4 *shape, Py_ssize_t at, Py_ssize_t n)
{
    if (shape[at++] == SHAPE_SPACE)
        while (at < n && shape[at] == SHAPE_SPACE)
            at++;
    return at;
}

/* text[start:end] as the collapsed text spells it: runs of white space as one space. */
static PyObject *spelling(PyObject *text, const Buffers *buffers, Py_ssize_t start,
                          Py_ssize_t end)
{
    const Py_UCS4 *shape = buffers->shape;
    Py_ssize_t length = 0;
    for (Py_ssize_t at = start; at < end;) {
        Py_ssize_t next = next_unit(shape, at, end);
        buffers->spelled[length++] =
            next - at > 1 ? SHAPE_BOUNDARY : PyUnicode_READ_CHAR(text, at);
        at = next;
    }
    if (length == end - start) /* no run inside: a plain slice */
        return PyUnicode_Substring(text, start, end);
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffers->spelled, length);
}

/* What a case-sensitive key means where the text spells it so: Matcher._spans's case check.
 * Sets *length (in units of the collapsed text), *slug and *ambiguous (borrowed from `hold`, a
 * new reference to release, or from the meaning) and returns 1, or 0 when the case rules the
 * key out, or -1 with an exception set. */
static int by_case(Scanner *self, const Meaning *meaning, PyObject *text, const Buffers *buffers,
                   Py_ssize_t start, Py_ssize_t end, Py_ssize_t *length, PyObject **slug,
                   PyObject **ambiguous, PyObject **hold)
{
    PyObject *seen = spelling(text, buffers, start, end);
    if (seen == NULL)
        return -1;
    PyObject *found = PyDict_GetItemWithError(meaning->exact, seen);
    if (found == NULL && !PyErr_Occurred()) {
        /* `_by_case` for the key itself: its case key ("GPT-4" is listed as "GPT 4"), or its
         * case-insensitive forms; shorter keys are left to Python's `_by_case`, which tries
         * them all in turn (on the corpus's 20 KB pages: 1.2 calls a page, against 11). */
        PyObject *case_key = shape_case_key(&self->shaper->tables, seen);
        if (case_key == NULL) {
            Py_DECREF(seen);
            return -1;
        }
        found = PyDict_GetItemWithError(meaning->exact, case_key);
        Py_DECREF(case_key);
    }
    if (found != NULL || PyErr_Occurred() || meaning->slug != NULL || !meaning->shorter) {
        Py_DECREF(seen);
        if (PyErr_Occurred())
            return -1;
        *length = meaning->length;
        if (found == NULL) {
            *slug = meaning->slug; /* NULL: the case rules it out */
            *ambiguous = meaning->ambiguous;
            return *slug != NULL;
        }
        if (!PyTuple_Check(found) || PyTuple_GET_SIZE(found) != 2)
            goto malformed;
        *slug = PyTuple_GET_ITEM(found, 0);
        *ambiguous = PyTuple_GET_ITEM(found, 1);
        *hold = Py_NewRef(found);
        return 1;
    }
    PyObject *zero = PyLong_FromLong(0);
    if (zero == NULL) {
        Py_DECREF(seen);
        return -1;
    }
    found = PyObject_CallFunctionObjArgs(self->by_case, meaning->key, seen, zero, NULL);
    Py_DECREF(zero);
    Py_DECREF(seen);
    if (found == NULL)
        return -1;
    if (found == Py_None) {
        Py_DECREF(found);
        return 0;
    }
    if (!PyTuple_Check(found) || PyTuple_GET_SIZE(found) != 3) {
        Py_DECREF(found);
        goto malformed;
    }
    *length = PyLong_AsSsize_t(PyTuple_GET_ITEM(found, 0));
    if ((*length == -1 && PyErr_Occurred()) || *length < 1 || *length > meaning->length) {
        Py_DECREF(found);
        if (!PyErr_Occurred())
            goto malformed;
        return -1;
    }
    *slug = PyTuple_GET_ITEM(found, 1);
    *ambiguous = PyTuple_GET_ITEM(found, 2);
    *hold = found;
    return 1;
malformed:
    PyErr_SetString(PyExc_TypeError, "unexpected meaning of a case-sensitive key");
    return -1;
}

/* Code points to UTF-16 units, for matches in order: astral characters counted once. */
typedef struct {
    int kind;
    const void *data;
    Py_ssize_t at;     /* code points counted so far */
    Py_ssize_t astral; /* astral characters before `at` */
} Units;

static inline Py_ssize_t utf16(Units *units, Py_ssize_t position)
{
    if (units->kind != PyUnicode_4BYTE_KIND)
        return position;
    for (; units->at < position; units->at++)
        units->astral += PyUnicode_READ(PyUnicode_4BYTE_KIND, units->data, units->at) > 0xFFFF;
    return position + units->astral;
}

static int append_match(PyObject *list, Py_ssize_t start, Py_ssize_t end, PyObject *slug,
                        PyObject *ambiguous)
{
    PyObject *first = PyLong_FromSsize_t(start), *last = PyLong_FromSsize_t(end);
    PyObject *match = (first && last) ? PyTuple_New(4) : NULL;
    if (match == NULL) {
        Py_XDECREF(first);
        Py_XDECREF(last);
        return -1;
    }
    PyTuple_SET_ITEM(match, 0, first);
    PyTuple_SET_ITEM(match, 1, last);
    PyTuple_SET_ITEM(match, 2, Py_NewRef(slug));
    PyTuple_SET_ITEM(match, 3, Py_NewRef(ambiguous));
    int result = PyList_Append(list, match);
    Py_DECREF(match);
    return result;
}

/* The longest key starting at `start` and followed by a boundary: its meaning (or -1), and
 * where it ends in *end. */
static inline int32_t longest_at(const Scanner *self, const Py_UCS4 *shape, Py_ssize_t n,
                                 Py_ssize_t start, Py_ssize_t *end)
{
    const Trie *trie = &self->trie;
    int32_t node = 0, best = -1;
    Py_ssize_t at = start;
    while (at < n) {
        if ((node = trie_child(trie, node, shape[at])) < 0)
            break;
        at = next_unit(shape, at, n);
        if ((at == n || is_boundary(shape[at])) && trie->value[node] >= 0) {
            best = trie->value[node];
            *end = at;
        }
    }
    return best;
}

/* matching/references.py: cross-references in markup, ":numref:`sec_bert-dataset`" or
 * ":cite:`Devlin.2018`", name a target, not prose: a match that starts inside one is not
 * kept. Found as the module's regular expression finds them, left to right. */
static const char *const REFERENCE_ROLES[] = {"numref", "ref",  "eqref", "label", "eqlabel",
                                              "doc",    "cite", "citet", "citep"};

typedef struct {
    Py_ssize_t *bounds; /* start and end of each reference, in code points, in text order */
    Py_ssize_t count;   /* of references */
    Py_ssize_t next;    /* the first that may still hold a match (matches come in order) */
} References;

static int is_reference_role(int kind, const void *data, Py_ssize_t from, Py_ssize_t to)
{
    for (size_t r = 0; r < sizeof REFERENCE_ROLES / sizeof *REFERENCE_ROLES; r++) {
        const char *role = REFERENCE_ROLES[r];
        Py_ssize_t length = (Py_ssize_t)strlen(role);
        if (length != to - from)
            continue;
        Py_ssize_t k = 0;
        while (k < length && PyUnicode_READ(kind, data, from + k) == (Py_UCS4)role[k])
            k++;
        if (k == length)
            return 1;
    }
    return 0;
}

/* The end of a reference starting at `i` (a colon), or -1. */
static Py_ssize_t reference_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
    Py_ssize_t k = i + 1;
    for (Py_UCS4 ch; k < n && (ch = PyUnicode_READ(kind, data, k)) >= 'a' && ch <= 'z';)
        k++;
    if (!is_reference_role(kind, data, i + 1, k) || k >= n ||
        PyUnicode_READ(kind, data, k) != ':')
        return -1;
    Py_ssize_t tick = k + 1; /* ":`", or ":t:`" and ":p:`" */
    if (tick < n && PyUnicode_READ(kind, data, tick) != '`') {
        Py_UCS4 form = PyUnicode_READ(kind, data, tick);
        if (!(form == 't' || form == 'p') || tick + 1 >= n ||
            PyUnicode_READ(kind, data, tick + 1) != ':')
            return -1;
        tick += 2;
    }
    if (tick >= n || PyUnicode_READ(kind, data, tick) != '`')
        return -1;
    for (Py_ssize_t close = tick + 1; close < n; close++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, close);
        if (ch == '`')
            return close + 1;
        if (ch == '\n')
            return -1;
    }
    return -1;
}

/* The text's references; none (and no allocation) where it holds no backtick. */
static int find_references(PyObject *text, References *found)
{
    found->bounds = NULL;
    found->count = found->next = 0;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (PyUnicode_FindChar(text, '`', 0, n, 1) < 0) /* -2 on error: cannot happen here */
        return 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t capacity = 0;
    for (Py_ssize_t i = 0; i + 1 < n; i++) {
        if (PyUnicode_READ(kind, data, i) != ':')
            continue;
        Py_ssize_t end = reference_at(kind, data, n, i);
        if (end < 0)
            continue;
        if (found->count == capacity) {
            capacity = capacity ? 2 * capacity : 8;
            size_t bytes = sizeof(Py_ssize_t) * 2 * (size_t)capacity;
            Py_ssize_t *grown = PyMem_Realloc(found->bounds, bytes);
            if (grown == NULL) {
                PyMem_Free(found->bounds);
                found->bounds = NULL;
                PyErr_NoMemory();
                return -1;
            }
            found->bounds = grown;
        }
        found->bounds[2 * found->count] = i;
        found->bounds[2 * found->count + 1] = end;
        found->count++;
        i = end - 1; /* the next search starts after this reference */
    }
    return 0;
}

static int inside_a_reference(References *found, Py_ssize_t start)
{
    while (found->next < found->count && found->bounds[2 * found->next + 1] <= start)
        found->next++;
    return found->next < found->count && found->bounds[2 * found->next] <= start;
}

/* The matches of one text: whole words, leftmost then longest, in UTF-16 units, none
 * inside a cross-reference. */
static PyObject *scan(Scanner *self, PyObject *text, ShapeMode mode, Buffers *buffers)
{
    PyObject *found = PyList_New(0);
    if (found == NULL)
        return NULL;
    if (self->meaning_count == 0)
        return found;
    References references = {NULL, 0, 0};
    if (shape_into(&self->shaper->tables, text, mode, buffers->shape) < 0 ||
        find_references(text, &references) < 0)
        goto error;
    const Py_UCS4 *shape = buffers->shape;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), at = 0;
    Units units = {PyUnicode_KIND(text), PyUnicode_DATA(text), 0, 0};
    while (at < n) {
        while (at < n && is_boundary(shape[at]))
            at++;
        if (at == n)
            break;
        Py_ssize_t start = at, end = at;
        uint64_t hash = 0;
        for (; at < n && !is_boundary(shape[at]); at++)
            hash = first_word_step(hash, shape[at]);
        if (!may_start_a_key(self, hash)) /* `at`: past the word, where the next may start */
            continue;
        int32_t best = longest_at(self, shape, n, start, &end);
        if (best < 0)
            continue;
        const Meaning *meaning = &self->meanings[best];
        PyObject *slug = meaning->slug, *ambiguous = meaning->ambiguous, *hold = NULL;
        if (meaning->exact != NULL) {
            Py_ssize_t length;
            int kept = by_case(self, meaning, text, buffers, start, end, &length, &slug,
                               &ambiguous, &hold);
            if (kept < 0)
                goto error;
            if (kept == 0) /* the next word may start a match inside this one */
                continue;
            for (end = start; length > 0; length--) /* a shorter key: its end */
                end = next_unit(shape, end, n);
        }
        if (inside_a_reference(&references, start)) {
            Py_XDECREF(hold);
            at = end;
            continue;
        }
        Py_ssize_t start16 = utf16(&units, start);
        int failed = append_match(found, start16, utf16(&units, end), slug, ambiguous);
        Py_XDECREF(hold);
        if (failed)
            goto error;
        at = end;
    }
    PyMem_Free(references.bounds);
    return found;
error:
    PyMem_Free(references.bounds);
    Py_DECREF(found);
    return NULL;
}

static int built(const Scanner *self)
{
    if (self->shaper != NULL)
        return 1;
    PyErr_SetString(PyExc_RuntimeError, "Scanner.__init__ was not called");
    return 0;
}

static PyObject *Scanner_find_many(Scanner *self, PyObject *texts)
{
    if (!built(self))
        return NULL;
    /* A tuple of our own: the texts stay put even if another thread changes the caller's
     * list while `_by_case` runs Python code. */
    PyObject *items = PySequence_Tuple(texts);
    if (items == NULL)
        return NULL;
    Py_ssize_t count = PyTuple_GET_SIZE(items), length = 0, longest = 0, non_ascii = 0;
    int expands = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *text = PyTuple_GET_ITEM(items, i);
        if (!PyUnicode_Check(text)) {
            Py_DECREF(items);
            PyErr_SetString(PyExc_TypeError, "find_many() takes a list of str");
            return NULL;
        }
        Py_ssize_t n = PyUnicode_GET_LENGTH(text);
        length += n + (i ? 2 : 0); /* joined with offsets.SEPARATOR, "||" */
        if (n > longest)
            longest = n;
        shape_survey(&self->shaper->tables, text, &non_ascii, &expands);
    }
    /* Python shapes the joined texts as one: the path is chosen for all of them. */
    ShapeMode mode = shape_mode(length, non_ascii, expands, 1);
    Buffers buffers;
    PyObject *result = NULL;
    if (buffers_alloc(&buffers, longest) < 0)
        goto done;
    result = PyList_New(count);
    for (Py_ssize_t i = 0; result != NULL && i < count; i++) {
        PyObject *matches = scan(self, PyTuple_GET_ITEM(items, i), mode, &buffers);
        if (matches == NULL)
            Py_CLEAR(result);
        else
            PyList_SET_ITEM(result, i, matches);
    }
    buffers_free(&buffers);
done:
    Py_DECREF(items);
    return result;
}

static PyObject *Scanner_find(Scanner *self, PyObject *text)
{
    if (!built(self))
        return NULL;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "find() takes a str");
        return NULL;
    }
    Py_ssize_t non_ascii = 0;
    int expands = 0;
    shape_survey(&self->shaper->tables, text, &non_ascii, &expands);
    ShapeMode mode = shape_mode(PyUnicode_GET_LENGTH(text), non_ascii, expands, 1);
    Buffers buffers;
    if (buffers_alloc(&buffers, PyUnicode_GET_LENGTH(text)) < 0)
        return NULL;
    PyObject *result = scan(self, text, mode, &buffers);
    buffers_free(&buffers);
    return result;
}

static PyMethodDef Scanner_methods[] = {
    {"find", (PyCFunction)Scanner_find, METH_O, "Matcher.find(text)"},
    {"find_many", (PyCFunction)Scanner_find_many, METH_O, "Matcher.find_many(texts)"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ScannerType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "ai_glossary.matching._native.Scanner",
    .tp_basicsize = sizeof(Scanner),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Scanner(shaper, keys, by_case): the keys of a Matcher, matched in C.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Scanner_init,
    .tp_dealloc = (destructor)Scanner_dealloc,
    .tp_methods = Scanner_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "ai_glossary.matching._native",
    .m_doc = "The matcher's native path (see ai_glossary.matching.matcher).",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__native(void)
{
    if (PyType_Ready(&ShaperType) < 0 || PyType_Ready(&ScannerType) < 0)
        return NULL;
    PyObject *created = PyModule_Create(&module);
    if (created == NULL)
        return NULL;
    if (PyModule_AddObjectRef(created, "Shaper", (PyObject *)&ShaperType) < 0 ||
        PyModule_AddObjectRef(created, "Scanner", (PyObject *)&ScannerType) < 0) {
        Py_DECREF(created);
        return NULL;
    }
    return created;
}

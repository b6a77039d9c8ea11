/* ai_glossary.matching._native: Matcher.find and find_many in one pass per text.
 *
 * The reference is ai_glossary.matching.matcher (with shaping and offsets); this gives exactly
 * its results. Keys live in a trie read forwards from each word start: the deepest key node
 * followed by a boundary is the longest form starting there, the candidate the Python path's
 * reversed automaton reports first. Shaping (shape.c), collapsing white space runs, the walk,
 * leftmost-longest choice, the case check and UTF-16 offsets are one loop per text. A
 * case-sensitive key whose text is not one of its spellings goes back to Python's `_by_case`.
 *
 * The types are immutable once built: requests share them and keep their buffers local. */
#include "shape.h"

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
    int32_t base;  /* of the node's children */
    int32_t check; /* the parent node; -1: a free slot */
} Slot;

typedef struct {
    Py_ssize_t length; /* of the key, in code points of the collapsed text */
    PyObject *slug;    /* NULL when only case-sensitive forms share the key */
    PyObject *ambiguous;
    PyObject *exact; /* dict: spelling -> (slug, ambiguous), or NULL */
    PyObject *key;   /* the Python _Key, for `_by_case` */
    int shorter;     /* whether shorter keys of its leading words exist (`_Key.shorter`) */
} Meaning;

typedef struct {
    PyObject_HEAD
    Shaper *shaper;
    PyObject *by_case;
    Meaning *meanings;
    Py_ssize_t meaning_count;
    /* The trie as a double array: the child of node n by symbol c is slot t = base[n] + c
     * when check[t] == n. One slot per step keeps the walk to about one cache line a step
     * (arrays of children scanned in turn made the walk most of the time). */
    Slot *slots;
    int32_t *meaning; /* slot -> index in `meanings`, or -1; read at word ends only */
    Py_ssize_t slot_count;
    uint8_t ascii_symbol[128]; /* 0: no key holds it */
    Py_UCS4 *wide_codes;       /* the keys' non-ASCII characters, sorted; symbol 128 + index */
    Py_ssize_t wide_count;
} Scanner;

static void Scanner_clear_tables(Scanner *self)
{
    for (Py_ssize_t i = 0; i < self->meaning_count; i++) {
        Py_XDECREF(self->meanings[i].slug);
        Py_XDECREF(self->meanings[i].ambiguous);
        Py_XDECREF(self->meanings[i].exact);
        Py_XDECREF(self->meanings[i].key);
    }
    PyMem_Free(self->meanings);
    PyMem_Free(self->slots);
    PyMem_Free(self->meaning);
    PyMem_Free(self->wide_codes);
    self->slots = NULL;
    self->meaning = NULL;
    self->wide_codes = NULL;
    self->slot_count = self->wide_count = 0;
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

/* While building: a trie with linked children, in insertion order. */
typedef struct {
    Py_UCS4 *code;
    int32_t *last_child, *first_child, *next_sibling, *meaning;
    Py_ssize_t count, capacity;
} Draft;

static void draft_free(Draft *draft)
{
    PyMem_Free(draft->code);
    PyMem_Free(draft->last_child);
    PyMem_Free(draft->first_child);
    PyMem_Free(draft->next_sibling);
    PyMem_Free(draft->meaning);
}

static int32_t draft_node(Draft *draft, Py_UCS4 code)
{
    if (draft->count == draft->capacity) {
        Py_ssize_t capacity = draft->capacity ? draft->capacity * 2 : 1024;
        if (capacity > INT32_MAX) {
            PyErr_SetString(PyExc_OverflowError, "too many keys");
            return -1;
        }
#define GROW(field, type)                                                                      \
    do {                                                                                       \
        type *grown = PyMem_Realloc(draft->field, sizeof(type) * (size_t)capacity);            \
        if (grown == NULL) {                                                                   \
            PyErr_NoMemory();                                                                  \
            return -1;                                                                         \
        }                                                                                      \
        draft->field = grown;                                                                  \
    } while (0)
        GROW(code, Py_UCS4);
        GROW(last_child, int32_t);
        GROW(first_child, int32_t);
        GROW(next_sibling, int32_t);
        GROW(meaning, int32_t);
#undef GROW
        draft->capacity = capacity;
    }
    Py_ssize_t node = draft->count++;
    draft->code[node] = code;
    draft->last_child[node] = draft->first_child[node] = draft->next_sibling[node] = -1;
    draft->meaning[node] = -1;
    return (int32_t)node;
}

static int draft_add(Draft *draft, PyObject *key, int32_t meaning)
{
    int32_t node = 0;
    Py_ssize_t n = PyUnicode_GET_LENGTH(key);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 code = PyUnicode_READ_CHAR(key, i);
        int32_t child = draft->first_child[node];
        while (child >= 0 && draft->code[child] != code)
            child = draft->next_sibling[child];
        if (child < 0) {
            if ((child = draft_node(draft, code)) < 0)
                return -1;
            if (draft->last_child[node] < 0)
                draft->first_child[node] = child;
            else
                draft->next_sibling[draft->last_child[node]] = child;
            draft->last_child[node] = child;
        }
        node = child;
    }
    if (draft->meaning[node] < 0) /* the first value of a key wins, as in a dict */
        draft->meaning[node] = meaning;
    return 0;
}

static int compare_codes(const void *a, const void *b)
{
    Py_UCS4 x = *(const Py_UCS4 *)a, y = *(const Py_UCS4 *)b;
    return (x > y) - (x < y);
}

/* The symbol of a code point in the trie, or -1 when no key holds it. */
static inline int32_t symbol_of(const Scanner *self, Py_UCS4 code)
{
    if (code < 128)
        return self->ascii_symbol[code] ? self->ascii_symbol[code] : -1;
    Py_ssize_t low = 0, high = self->wide_count;
    while (low < high) {
        Py_ssize_t middle = (low + high) / 2;
        if (self->wide_codes[middle] < code)
            low = middle + 1;
        else
            high = middle;
    }
    return (low < self->wide_count && self->wide_codes[low] == code) ? (int32_t)(128 + low) : -1;
}

static inline int32_t child_of(const Scanner *self, int32_t node, Py_UCS4 code)
{
    int32_t symbol = symbol_of(self, code);
    if (symbol < 0)
        return -1;
    Py_ssize_t slot = (Py_ssize_t)self->slots[node].base + symbol;
    return (slot < self->slot_count && self->slots[slot].check == node) ? (int32_t)slot : -1;
}

/* Symbols: ASCII codes of keys keep a small number each, others are numbered after 128. */
static int number_symbols(Scanner *self, const Draft *draft)
{
    memset(self->ascii_symbol, 0, sizeof(self->ascii_symbol));
    Py_ssize_t wide = 0;
    uint8_t next = 1;
    for (Py_ssize_t node = 1; node < draft->count; node++) {
        Py_UCS4 code = draft->code[node];
        if (code >= 128)
            wide++;
        else if (!self->ascii_symbol[code])
            self->ascii_symbol[code] = next++;
    }
    /* A run of white space is read as the one boundary keys hold between words. */
    self->ascii_symbol[SHAPE_SPACE] = self->ascii_symbol[SHAPE_BOUNDARY];
    self->wide_codes = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(wide ? wide : 1));
    if (self->wide_codes == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t count = 0;
    for (Py_ssize_t node = 1; node < draft->count; node++)
        if (draft->code[node] >= 128)
            self->wide_codes[count++] = draft->code[node];
    qsort(self->wide_codes, (size_t)count, sizeof(Py_UCS4), compare_codes);
    Py_ssize_t unique = 0;
    for (Py_ssize_t i = 0; i < count; i++)
        if (unique == 0 || self->wide_codes[unique - 1] != self->wide_codes[i])
            self->wide_codes[unique++] = self->wide_codes[i];
    self->wide_count = unique;
    return 0;
}

static int grow_slots(Scanner *self, Py_ssize_t needed)
{
    if (needed <= self->slot_count)
        return 0;
    Py_ssize_t size = self->slot_count ? self->slot_count : 1024;
    while (size < needed)
        size *= 2;
    if (size > INT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "too many keys");
        return -1;
    }
    Slot *grown = PyMem_Realloc(self->slots, sizeof(Slot) * (size_t)size);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->slots = grown;
    int32_t *meaning = PyMem_Realloc(self->meaning, sizeof(int32_t) * (size_t)size);
    if (meaning == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->meaning = meaning;
    for (Py_ssize_t i = self->slot_count; i < size; i++) {
        grown[i] = (Slot){0, -1};
        meaning[i] = -1;
    }
    self->slot_count = size;
    return 0;
}

/* While placing: the first free slot at or after each slot, as a union-find forest
 * (`free_from`), so that a search for room skips the full stretches in one step. */
typedef struct {
    int32_t *parent;
    Py_ssize_t size; /* slots covered, plus one */
} FreeSlots;

static int free_slots_cover(FreeSlots *free_slots, Py_ssize_t slots)
{
    if (slots + 1 <= free_slots->size)
        return 0;
    int32_t *grown = PyMem_Realloc(free_slots->parent, sizeof(int32_t) * (size_t)(slots + 1));
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = free_slots->size; i <= slots; i++)
        grown[i] = (int32_t)i;
    free_slots->parent = grown;
    free_slots->size = slots + 1;
    return 0;
}

static Py_ssize_t free_from(FreeSlots *free_slots, Py_ssize_t slot)
{
    int32_t *parent = free_slots->parent;
    while (parent[slot] != slot) {
        parent[slot] = parent[parent[slot]]; /* path halving */
        slot = parent[slot];
    }
    return slot;
}

/* Slots large enough for `needed`, the forest covering them. */
static int room_for(Scanner *self, FreeSlots *free_slots, Py_ssize_t needed)
{
    if (grow_slots(self, needed) < 0)
        return -1;
    return free_slots_cover(free_slots, self->slot_count);
}

/* The draft into the double array, breadth first; each node's children take the first base
 * where all their slots are free. */
static int place(Scanner *self, const Draft *draft)
{
    Py_ssize_t n = draft->count, widest = 128 + self->wide_count + 1;
    int32_t *queue = PyMem_Malloc(sizeof(int32_t) * 2 * (size_t)n); /* (draft node, slot) */
    int32_t *symbols = PyMem_Malloc(sizeof(int32_t) * (size_t)widest);
    FreeSlots free_slots = {NULL, 0};
    int result = -1;
    if (queue == NULL || symbols == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (room_for(self, &free_slots, 256) < 0)
        goto done;
    self->slots[0] = (Slot){0, -2}; /* the root */
    self->meaning[0] = draft->meaning[0];
    free_slots.parent[0] = 1;
    Py_ssize_t head = 0, tail = 0;
    queue[2 * tail] = 0;
    queue[2 * tail + 1] = 0;
    tail++;
    while (head < tail) {
        int32_t node = queue[2 * head], slot = queue[2 * head + 1];
        head++;
        Py_ssize_t count = 0;
        for (int32_t child = draft->first_child[node]; child >= 0;
             child = draft->next_sibling[child])
            symbols[count++] = symbol_of(self, draft->code[child]);
        if (count == 0)
            continue;
        int32_t lowest = symbols[0];
        for (Py_ssize_t i = 1; i < count; i++)
            if (symbols[i] < lowest)
                lowest = symbols[i];
        /* Each free slot in turn holds the lowest child; the others must be free too. */
        Py_ssize_t base;
        for (Py_ssize_t free_slot = free_from(&free_slots, 1);;
             free_slot = free_from(&free_slots, free_slot + 1)) {
            base = free_slot - lowest;
            if (room_for(self, &free_slots, free_slot + widest) < 0)
                goto done;
            if (base < 1)
                continue;
            Py_ssize_t i = 0;
            while (i < count && self->slots[base + symbols[i]].check == -1)
                i++;
            if (i == count)
                break;
        }
        if (base > INT32_MAX - 2 * widest) {
            PyErr_SetString(PyExc_OverflowError, "too many keys");
            goto done;
        }
        self->slots[slot].base = (int32_t)base;
        Py_ssize_t i = 0;
        for (int32_t child = draft->first_child[node]; child >= 0;
             child = draft->next_sibling[child], i++) {
            Py_ssize_t at = base + symbols[i];
            self->slots[at] = (Slot){0, slot};
            self->meaning[at] = draft->meaning[child];
            free_slots.parent[at] = (int32_t)(at + 1);
            queue[2 * tail] = child;
            queue[2 * tail + 1] = (int32_t)at;
            tail++;
        }
    }
    result = 0;
done:
    PyMem_Free(queue);
    PyMem_Free(symbols);
    PyMem_Free(free_slots.parent);
    return result;
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
    Draft draft = {0};
    if (self->meanings == NULL) {
        PyErr_NoMemory();
        goto error;
    }
    if (draft_node(&draft, 0) < 0)
        goto error;
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
        if (i >= INT32_MAX || draft_add(&draft, PyTuple_GET_ITEM(pair, 0), (int32_t)i) < 0)
            goto error;
    }
    if (number_symbols(self, &draft) < 0 || place(self, &draft) < 0)
        goto error;
    draft_free(&draft);
    Py_DECREF(items);
    return 0;
error:
    draft_free(&draft);
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

/* White space is not collapsed in the buffer: the walk reads a run of it as one boundary, as
 * the Python path reads the text with runs collapsed (shaping.prepare), and offsets stay
 * those of the text. */
static inline int is_boundary(Py_UCS4 code)
{
    return code == SHAPE_BOUNDARY || code == SHAPE_SPACE;
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
 * where it ends in *end; *read is a place the walk read up to within the word (the word's
 * end, or where the walk stopped in it), so that the scan need not read the word again. */
static inline int32_t longest_at(const Scanner *self, const Py_UCS4 *shape, Py_ssize_t n,
                                 Py_ssize_t start, Py_ssize_t *end, Py_ssize_t *read)
{
    int32_t node = 0, best = -1;
    Py_ssize_t at = start, word_end = -1;
    while (at < n) {
        Py_UCS4 code = shape[at];
        if (word_end < 0 && is_boundary(code))
            word_end = at;
        int32_t symbol = symbol_of(self, code);
        if (symbol < 0)
            break;
        Py_ssize_t slot = (Py_ssize_t)self->slots[node].base + symbol;
        if (slot >= self->slot_count || self->slots[slot].check != node)
            break;
        node = (int32_t)slot;
        at = next_unit(shape, at, n);
        if ((at == n || is_boundary(shape[at])) && self->meaning[node] >= 0) {
            best = self->meaning[node];
            *end = at;
        }
    }
    *read = word_end >= 0 ? word_end : at;
    return best;
}

/* The matches of one text: whole words, leftmost then longest, in UTF-16 units. */
static PyObject *scan(Scanner *self, PyObject *text, ShapeMode mode, Buffers *buffers)
{
    PyObject *found = PyList_New(0);
    if (found == NULL)
        return NULL;
    if (self->meaning_count == 0)
        return found;
    if (shape_into(&self->shaper->tables, text, mode, buffers->shape) < 0)
        goto error;
    const Py_UCS4 *shape = buffers->shape;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), at = 0;
    Units units = {PyUnicode_KIND(text), PyUnicode_DATA(text), 0, 0};
    while (at < n) {
        while (at < n && is_boundary(shape[at]))
            at++;
        if (at == n)
            break;
        Py_ssize_t start = at, end = at, read = at;
        int32_t best = longest_at(self, shape, n, start, &end, &read);
        if (best < 0) {
            for (at = read; at < n && !is_boundary(shape[at]);) /* on to the next word */
                at++;
            continue;
        }
        const Meaning *meaning = &self->meanings[best];
        PyObject *slug = meaning->slug, *ambiguous = meaning->ambiguous, *hold = NULL;
        if (meaning->exact != NULL) {
            Py_ssize_t length;
            int kept = by_case(self, meaning, text, buffers, start, end, &length, &slug,
                               &ambiguous, &hold);
            if (kept < 0)
                goto error;
            if (kept == 0) { /* the next word may start a match inside this one */
                for (at = read; at < n && !is_boundary(shape[at]);)
                    at++;
                continue;
            }
            for (end = start; length > 0; length--) /* a shorter key: its end */
                end = next_unit(shape, end, n);
        }
        Py_ssize_t start16 = utf16(&units, start);
        int failed = append_match(found, start16, utf16(&units, end), slug, ambiguous);
        Py_XDECREF(hold);
        if (failed)
            goto error;
        at = end;
    }
    return found;
error:
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

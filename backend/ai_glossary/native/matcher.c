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
    Py_ssize_t length; /* of the key, in code points of the collapsed text */
    PyObject *slug;    /* NULL when only case-sensitive forms share the key */
    PyObject *ambiguous;
    PyObject *exact; /* dict: spelling -> (slug, ambiguous), or NULL */
    PyObject *key;   /* the Python _Key, for `_by_case` */
} Meaning;

typedef struct {
    PyObject_HEAD
    Shaper *shaper;
    PyObject *by_case;
    Meaning *meanings;
    Py_ssize_t meaning_count;
    /* The trie, breadth first: a node's children are consecutive nodes, sorted by code. */
    Py_UCS4 *code;
    int32_t *first_child;
    int32_t *child_count;
    int32_t *meaning; /* index in `meanings`, or -1 */
    Py_ssize_t node_count;
    int32_t root_ascii[128]; /* the root's children by ASCII code: the step taken most */
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
    PyMem_Free(self->code);
    PyMem_Free(self->first_child);
    PyMem_Free(self->child_count);
    PyMem_Free(self->meaning);
    self->meanings = NULL;
    self->meaning_count = 0;
    self->code = NULL;
    self->first_child = self->child_count = self->meaning = NULL;
    self->node_count = 0;
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
    if (!PyTuple_Check(key) || PyTuple_GET_SIZE(key) < 4) {
        PyErr_SetString(PyExc_TypeError, "a key's value is a _Key tuple");
        return -1;
    }
    PyObject *slug = PyTuple_GET_ITEM(key, 1), *exact = PyTuple_GET_ITEM(key, 3);
    meaning->length = PyLong_AsSsize_t(PyTuple_GET_ITEM(key, 0));
    if (meaning->length == -1 && PyErr_Occurred())
        return -1;
    int ambiguous = PyObject_IsTrue(PyTuple_GET_ITEM(key, 2));
    if (ambiguous < 0)
        return -1;
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

/* The draft, breadth first with sorted children, into the scanner's arrays. */
static int flatten(Scanner *self, Draft *draft)
{
    Py_ssize_t n = draft->count;
    int32_t *order = PyMem_Malloc(sizeof(int32_t) * (size_t)n);  /* new index -> draft node */
    Py_UCS4 *pairs = PyMem_Malloc(sizeof(Py_UCS4) * 2 * (size_t)n); /* (code, node) to sort */
    self->code = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)n);
    self->first_child = PyMem_Malloc(sizeof(int32_t) * (size_t)n);
    self->child_count = PyMem_Malloc(sizeof(int32_t) * (size_t)n);
    self->meaning = PyMem_Malloc(sizeof(int32_t) * (size_t)n);
    if (!order || !pairs || !self->code || !self->first_child || !self->child_count ||
        !self->meaning) {
        PyMem_Free(order);
        PyMem_Free(pairs);
        PyErr_NoMemory();
        return -1;
    }
    self->node_count = n;
    Py_ssize_t placed = 1;
    order[0] = 0;
    for (Py_ssize_t index = 0; index < n; index++) {
        int32_t node = order[index];
        Py_ssize_t count = 0;
        for (int32_t child = draft->first_child[node]; child >= 0;
             child = draft->next_sibling[child]) {
            pairs[2 * count] = draft->code[child];
            pairs[2 * count + 1] = (Py_UCS4)child;
            count++;
        }
        qsort(pairs, (size_t)count, 2 * sizeof(Py_UCS4), compare_codes);
        self->code[index] = draft->code[node];
        self->meaning[index] = draft->meaning[node];
        self->first_child[index] = (int32_t)placed;
        self->child_count[index] = (int32_t)count;
        for (Py_ssize_t i = 0; i < count; i++)
            order[placed++] = (int32_t)pairs[2 * i + 1];
    }
    for (int i = 0; i < 128; i++)
        self->root_ascii[i] = -1;
    for (int32_t i = 0; i < self->child_count[0]; i++) {
        int32_t child = self->first_child[0] + i;
        if (self->code[child] < 128)
            self->root_ascii[self->code[child]] = child;
    }
    PyMem_Free(order);
    PyMem_Free(pairs);
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
    if (flatten(self, &draft) < 0)
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

static inline int32_t child_of(const Scanner *self, int32_t node, Py_UCS4 code)
{
    int32_t first = self->first_child[node], last = first + self->child_count[node];
    for (int32_t child = first; child < last; child++) {
        Py_UCS4 here = self->code[child];
        if (here >= code)
            return here == code ? child : -1;
    }
    return -1;
}

/* Buffers for one text, sized for the longest text of a request. */
typedef struct {
    Py_UCS4 *shape;   /* of the text, then collapsed: one code per unit */
    int32_t *point;   /* unit -> code point where it starts in the text (units + 1) */
    int32_t *unit16;  /* unit -> UTF-16 offset where it starts (units + 1) */
    Py_UCS4 *spelled; /* a matched slice of the collapsed text, for case-sensitive keys */
} Buffers;

static void buffers_free(Buffers *buffers)
{
    PyMem_Free(buffers->shape);
    PyMem_Free(buffers->point);
    PyMem_Free(buffers->unit16);
    PyMem_Free(buffers->spelled);
}

static int buffers_alloc(Buffers *buffers, Py_ssize_t longest)
{
    memset(buffers, 0, sizeof(*buffers));
    if (longest >= INT32_MAX / 2) {
        PyErr_SetString(PyExc_OverflowError, "text too long");
        return -1;
    }
    size_t size = (size_t)longest + 1;
    buffers->shape = PyMem_Malloc(sizeof(Py_UCS4) * size);
    buffers->point = PyMem_Malloc(sizeof(int32_t) * size);
    buffers->unit16 = PyMem_Malloc(sizeof(int32_t) * size);
    buffers->spelled = PyMem_Malloc(sizeof(Py_UCS4) * size);
    if (!buffers->shape || !buffers->point || !buffers->unit16 || !buffers->spelled) {
        buffers_free(buffers);
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

/* Runs of two or more white space characters become one boundary (shaping.prepare), a
 * single one a boundary; returns the number of units. */
static Py_ssize_t collapse(PyObject *text, Buffers *buffers)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), units = 0;
    int wide = PyUnicode_KIND(text) == PyUnicode_4BYTE_KIND;
    const void *data = PyUnicode_DATA(text);
    Py_UCS4 *shape = buffers->shape;
    int32_t offset16 = 0;
    for (Py_ssize_t i = 0; i < n;) {
        Py_ssize_t start = i;
        int32_t start16 = offset16;
        Py_UCS4 code = shape[i];
        if (code == SHAPE_SPACE) {
            while (i < n && shape[i] == SHAPE_SPACE)
                i++;
            offset16 += (int32_t)(i - start); /* white space is never astral */
            code = SHAPE_BOUNDARY;
        }
        else {
            offset16 += (wide && PyUnicode_READ(PyUnicode_4BYTE_KIND, data, i) > 0xFFFF) ? 2 : 1;
            i++;
        }
        shape[units] = code;
        buffers->point[units] = (int32_t)start;
        buffers->unit16[units] = start16;
        units++;
    }
    buffers->point[units] = (int32_t)n;
    buffers->unit16[units] = offset16;
    return units;
}

/* text[start : start + length] of the collapsed text (runs of white space as one space). */
static PyObject *spelling(PyObject *text, const Buffers *buffers, Py_ssize_t start,
                          Py_ssize_t length)
{
    const int32_t *point = buffers->point;
    if (point[start + length] - point[start] == length) /* no run inside: a plain slice */
        return PyUnicode_Substring(text, point[start], point[start] + length);
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_ssize_t unit = start + i;
        buffers->spelled[i] = point[unit + 1] - point[unit] > 1
                                  ? SHAPE_BOUNDARY
                                  : PyUnicode_READ_CHAR(text, point[unit]);
    }
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffers->spelled, length);
}

/* What a case-sensitive key means where the text spells it so: Matcher._spans's case check.
 * Sets *length, *slug and *ambiguous (borrowed from `hold`, a new reference to release) and
 * returns 1, or 0 when the case rules the key out, or -1 with an exception set. */
static int by_case(Scanner *self, const Meaning *meaning, PyObject *text, const Buffers *buffers,
                   Py_ssize_t start, Py_ssize_t *length, PyObject **slug, PyObject **ambiguous,
                   PyObject **hold)
{
    PyObject *seen = spelling(text, buffers, start, meaning->length);
    if (seen == NULL)
        return -1;
    PyObject *found = PyDict_GetItemWithError(meaning->exact, seen);
    if (found != NULL) {
        Py_DECREF(seen);
        if (!PyTuple_Check(found) || PyTuple_GET_SIZE(found) != 2)
            goto malformed;
        *length = meaning->length;
        *slug = PyTuple_GET_ITEM(found, 0);
        *ambiguous = PyTuple_GET_ITEM(found, 1);
        *hold = Py_NewRef(found);
        return 1;
    }
    if (PyErr_Occurred()) {
        Py_DECREF(seen);
        return -1;
    }
    /* Rare: another spelling, or a shorter key. The slice holds every shorter key's. */
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

static int append_match(PyObject *list, int32_t start, int32_t end, PyObject *slug,
                        PyObject *ambiguous)
{
    PyObject *first = PyLong_FromLong(start), *last = PyLong_FromLong(end);
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
    Py_ssize_t units = collapse(text, buffers);
    const Py_UCS4 *shape = buffers->shape;
    Py_ssize_t reached = 0;
    for (Py_ssize_t start = 0; start < units; start++) {
        Py_UCS4 code = shape[start];
        if (code == SHAPE_BOUNDARY || (start > 0 && shape[start - 1] != SHAPE_BOUNDARY) ||
            start < reached)
            continue;
        /* The longest key starting here and followed by a boundary. */
        int32_t node = code < 128 ? self->root_ascii[code] : child_of(self, 0, code);
        int32_t best = -1;
        Py_ssize_t at = start;
        while (node >= 0) {
            at++;
            if (self->meaning[node] >= 0 && (at == units || shape[at] == SHAPE_BOUNDARY))
                best = self->meaning[node];
            if (at == units)
                break;
            node = child_of(self, node, shape[at]);
        }
        if (best < 0)
            continue;
        const Meaning *meaning = &self->meanings[best];
        Py_ssize_t length = meaning->length;
        PyObject *slug = meaning->slug, *ambiguous = meaning->ambiguous, *hold = NULL;
        if (meaning->exact != NULL) {
            int kept = by_case(self, meaning, text, buffers, start, &length, &slug, &ambiguous,
                               &hold);
            if (kept < 0)
                goto error;
            if (kept == 0)
                continue;
        }
        reached = start + length;
        int failed = append_match(found, buffers->unit16[start], buffers->unit16[reached], slug,
                                  ambiguous);
        Py_XDECREF(hold);
        if (failed)
            goto error;
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
    if (!PyList_Check(texts)) {
        PyErr_SetString(PyExc_TypeError, "find_many() takes a list of str");
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(texts), length = 0, longest = 0, non_ascii = 0;
    int expands = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *text = PyList_GET_ITEM(texts, i);
        if (!PyUnicode_Check(text)) {
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
    if (buffers_alloc(&buffers, longest) < 0)
        return NULL;
    PyObject *result = PyList_New(count);
    if (result == NULL)
        goto done;
    /* Texts are kept by the list we hold a reference to; texts is not changed meanwhile
     * since no Python code runs except `_by_case`, which does not know the list. */
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *matches = scan(self, PyList_GET_ITEM(texts, i), mode, &buffers);
        if (matches == NULL) {
            Py_CLEAR(result);
            break;
        }
        PyList_SET_ITEM(result, i, matches);
    }
done:
    buffers_free(&buffers);
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

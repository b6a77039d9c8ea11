/* The shape of a text: see shape.h, and shaping.py for the reference it must equal. */
#include "shape.h"

#include <string.h>

/* shaping._ascii_table: letters and digits lower-cased, "+#_." kept, white space apart. */
static Py_UCS4 ascii_code(Py_UCS4 ch)
{
    if (Py_UNICODE_ISALNUM(ch))
        return Py_UNICODE_TOLOWER(ch);
    if (ch == '+' || ch == '#' || ch == '_' || ch == '.')
        return ch;
    return Py_UNICODE_ISSPACE(ch) ? SHAPE_SPACE : SHAPE_BOUNDARY;
}

static Py_UCS4 ASCII_CODES[128];
static Py_UCS1 NORMAL_CODES[128]; /* the same, white space a boundary (normalize's shape) */

static void fill_ascii_codes(void)
{
    /* Idempotent: every caller writes the same values. */
    for (Py_UCS4 ch = 0; ch < 128; ch++) {
        ASCII_CODES[ch] = ascii_code(ch);
        NORMAL_CODES[ch] = (Py_UCS1)(ASCII_CODES[ch] == SHAPE_SPACE ? SHAPE_BOUNDARY : ASCII_CODES[ch]);
    }
}

static int read_ints(PyObject *sequence, Py_UCS4 **out, Py_ssize_t *count)
{
    PyObject *fast = PySequence_Fast(sequence, "expected a sequence of ints");
    if (fast == NULL)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    Py_UCS4 *values = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(n ? n : 1));
    if (values == NULL) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        long value = PyLong_AsLong(PySequence_Fast_GET_ITEM(fast, i));
        if (value == -1 && PyErr_Occurred()) {
            PyMem_Free(values);
            Py_DECREF(fast);
            return -1;
        }
        if (value < 0 || value > 0x10FFFF || (i && (Py_UCS4)value < values[i - 1])) {
            PyMem_Free(values);
            Py_DECREF(fast);
            PyErr_SetString(PyExc_ValueError, "expected sorted code points");
            return -1;
        }
        values[i] = (Py_UCS4)value;
    }
    Py_DECREF(fast);
    *out = values;
    *count = n;
    return 0;
}

int shape_tables_init(ShapeTables *tables, PyObject *marks, PyObject *expanding)
{
    Py_ssize_t mark_count;
    memset(tables, 0, sizeof(*tables));
    fill_ascii_codes();
    if (read_ints(marks, &tables->marks, &mark_count) < 0)
        return -1;
    if (mark_count % 2) {
        shape_tables_clear(tables);
        PyErr_SetString(PyExc_ValueError, "mark ranges come in pairs");
        return -1;
    }
    tables->mark_pairs = mark_count / 2;
    if (read_ints(expanding, &tables->expanding, &tables->expanding_count) < 0) {
        shape_tables_clear(tables);
        return -1;
    }
    return 0;
}

void shape_tables_clear(ShapeTables *tables)
{
    PyMem_Free(tables->marks);
    PyMem_Free(tables->expanding);
    memset(tables, 0, sizeof(*tables));
}

int shape_is_mark(const ShapeTables *tables, Py_UCS4 ch)
{
    Py_ssize_t low = 0, high = tables->mark_pairs;
    while (low < high) {
        Py_ssize_t middle = (low + high) / 2;
        if (ch < tables->marks[2 * middle])
            high = middle;
        else if (ch > tables->marks[2 * middle + 1])
            low = middle + 1;
        else
            return 1;
    }
    return 0;
}

static int is_expanding(const ShapeTables *tables, Py_UCS4 ch)
{
    for (Py_ssize_t i = 0; i < tables->expanding_count; i++)
        if (tables->expanding[i] == ch)
            return 1;
    return 0;
}

void shape_survey(const ShapeTables *tables, PyObject *text, Py_ssize_t *non_ascii,
                  int *expands)
{
    if (PyUnicode_IS_ASCII(text))
        return;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), count = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch >= 128) {
            count++;
            if (!*expands && is_expanding(tables, ch))
                *expands = 1;
        }
    }
    *non_ascii += count;
}

ShapeMode shape_mode(Py_ssize_t length, Py_ssize_t non_ascii, int expands, int stand_ins)
{
    ShapeMode mode;
    /* shaping._PATCH_LIMIT: past 1 in 8 non-ASCII characters, the regex path. */
    mode.by_regex = non_ascii * 8 > length;
    mode.per_char = mode.by_regex && expands;
    mode.stand_ins = stand_ins && !mode.by_regex;
    return mode;
}

/* A non-ASCII character on the byte path (shaping._class_of), classified by itself. */
static Py_UCS4 byte_path_code(const ShapeTables *tables, Py_UCS4 ch, int stand_ins)
{
    Py_UCS4 stand_in;
    if (Py_UNICODE_ISALNUM(ch))
        stand_in = SHAPE_LETTER;
    else if (shape_is_mark(tables, ch))
        stand_in = SHAPE_MARK;
    else
        return Py_UNICODE_ISSPACE(ch) ? SHAPE_SPACE : SHAPE_BOUNDARY;
    /* `_lowered`: the first character of lower(), which is what the simple mapping gives. */
    Py_UCS4 lowered = Py_UNICODE_TOLOWER(ch);
    return (stand_ins && lowered < 128) ? stand_in : lowered;
}

/* A non-ASCII character that is not white space on the regex path, classified by its
 * lower-cased self (`_non_word` runs over the lower-cased text). */
static Py_UCS4 regex_path_code(const ShapeTables *tables, Py_UCS4 lowered)
{
    if (Py_UNICODE_ISALNUM(lowered) || lowered == '_' || lowered == '+' || lowered == '#' ||
        lowered == '.' || shape_is_mark(tables, lowered))
        return lowered;
    return SHAPE_BOUNDARY;
}

/* Whether the character at `i` counts as a letter or digit beside a dot, a "+" or a "#". */
static int dot_neighbour(int kind, const void *data, Py_ssize_t i, ShapeMode mode)
{
    Py_UCS4 ch = PyUnicode_READ(kind, data, i);
    if (ch < 128)
        return Py_UNICODE_ISALNUM(ch);
    /* The byte path asks the character's class, the regex path its lower-cased self. */
    return Py_UNICODE_ISALNUM(mode.by_regex ? Py_UNICODE_TOLOWER(ch) : ch);
}

/* shaping.settle_dots: a dot stays only between two letters or digits. */
static inline Py_UCS4 settled_dot(int kind, const void *data, Py_ssize_t i, Py_ssize_t n,
                                  ShapeMode mode)
{
    int kept = i > 0 && i < n - 1 && dot_neighbour(kind, data, i - 1, mode) &&
               dot_neighbour(kind, data, i + 1, mode);
    return kept ? '.' : SHAPE_BOUNDARY;
}

/* shaping.settle_signs: a "#" stays only right after a letter or digit ("C#", not "#AI"); a
   "+" only right after a letter, a digit or another "+", and not before a letter, a non-ASCII
   digit counting as one ("C++", "C++17"; "SFT+DPO" is two words). */
static inline Py_UCS4 settled_sign(int kind, const void *data, Py_ssize_t i, Py_ssize_t n,
                                   ShapeMode mode, Py_UCS4 sign)
{
    int after_word = i > 0 && dot_neighbour(kind, data, i - 1, mode);
    if (sign == '#')
        return after_word ? '#' : SHAPE_BOUNDARY;
    if (!after_word && !(i > 0 && PyUnicode_READ(kind, data, i - 1) == '+'))
        return SHAPE_BOUNDARY;
    if (i < n - 1) {
        Py_UCS4 next = PyUnicode_READ(kind, data, i + 1);
        if (!(next >= '0' && next <= '9') && dot_neighbour(kind, data, i + 1, mode))
            return SHAPE_BOUNDARY;
    }
    return '+';
}

/* An ASCII code as it stands in its place: dots, "+" and "#" are settled by their neighbours. */
static inline Py_UCS4 settled(int kind, const void *data, Py_ssize_t i, Py_ssize_t n,
                              ShapeMode mode, Py_UCS4 code)
{
    if (code == '.')
        return settled_dot(kind, data, i, n, mode);
    if (code == '+' || code == '#')
        return settled_sign(kind, data, i, n, mode, code);
    return code;
}

int shape_into(const ShapeTables *tables, PyObject *text, ShapeMode mode, Py_UCS4 *out)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (PyUnicode_IS_ASCII(text)) { /* most texts: one table */
        const Py_UCS1 *chars = data;
        for (Py_ssize_t i = 0; i < n; i++)
            out[i] = settled(kind, data, i, n, mode, ASCII_CODES[chars[i]]);
        return 0;
    }
    PyObject *lowered = NULL; /* text.lower(), made only for a capital sigma on the regex path */
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch < 128)
            out[i] = settled(kind, data, i, n, mode, ASCII_CODES[ch]);
        else if (!mode.by_regex)
            out[i] = byte_path_code(tables, ch, mode.stand_ins);
        else if (Py_UNICODE_ISSPACE(ch))
            out[i] = SHAPE_SPACE; /* runs are found in the text itself, with `\s` */
        else if (ch == 0x3A3 && !mode.per_char) {
            /* str.lower() makes a final sigma of it by its context: ask str.lower(). */
            if (lowered == NULL &&
                (lowered = PyObject_CallMethod((PyObject *)&PyUnicode_Type, "lower", "O",
                                               text)) == NULL)
                return -1;
            if (!PyUnicode_Check(lowered) || PyUnicode_GET_LENGTH(lowered) != n) {
                Py_DECREF(lowered);
                PyErr_SetString(PyExc_RuntimeError, "lower() changed the length");
                return -1;
            }
            out[i] = regex_path_code(tables, PyUnicode_READ_CHAR(lowered, i));
        }
        else
            out[i] = regex_path_code(tables, Py_UNICODE_TOLOWER(ch));
    }
    Py_XDECREF(lowered);
    return 0;
}

void shape_ascii(const Py_UCS1 *text, Py_ssize_t n, Py_UCS1 *out)
{
    ShapeMode mode = {0, 0, 0}; /* ASCII shapes the same in every mode */
    for (Py_ssize_t i = 0; i < n; i++)
        out[i] = NORMAL_CODES[text[i]];
    static const char settled_apart[] = {'.', '+', '#'}; /* rare: each found apart */
    for (size_t k = 0; k < sizeof settled_apart; k++) {
        char sign = settled_apart[k];
        for (const Py_UCS1 *at = memchr(out, sign, (size_t)n); at;
             at = memchr(at + 1, sign, (size_t)(out + n - at - 1))) {
            Py_ssize_t i = at - out;
            out[i] = (Py_UCS1)settled(PyUnicode_1BYTE_KIND, text, i, n, mode, (Py_UCS4)sign);
        }
    }
}

PyObject *shape_normalize(const ShapeTables *tables, PyObject *text)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), non_ascii = 0;
    int expands = 0;
    shape_survey(tables, text, &non_ascii, &expands);
    Py_UCS4 *out = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(n ? n : 1));
    if (out == NULL)
        return PyErr_NoMemory();
    if (shape_into(tables, text, shape_mode(n, non_ascii, expands, 0), out) < 0) {
        PyMem_Free(out);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        if (out[i] == SHAPE_SPACE)
            out[i] = SHAPE_BOUNDARY;
    PyObject *shaped = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, n);
    PyMem_Free(out);
    return shaped;
}

PyObject *shape_case_key(const ShapeTables *tables, PyObject *text)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), length = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_UCS4 *word = PyMem_Malloc(sizeof(Py_UCS4) * 2 * (size_t)(n ? n : 1));
    if (word == NULL)
        return PyErr_NoMemory();
    Py_UCS4 *key = word + n;
    /* shaping.word_shape: non-word characters to boundaries, case kept. */
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        int kept = Py_UNICODE_ISALNUM(ch) || ch == '_' || ch == '+' || ch == '#' || ch == '.' ||
                   shape_is_mark(tables, ch);
        word[i] = kept ? ch : SHAPE_BOUNDARY;
    }
    /* settle_dots and settle_signs, then " ".join(....split()): the words, one space between.
       The neighbours are read in `word` itself, case kept, as word_shape leaves them. */
    ShapeMode as_written = {0, 0, 0};
    int gap = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = settled(PyUnicode_4BYTE_KIND, word, i, n, as_written, word[i]);
        if (ch == SHAPE_BOUNDARY) {
            gap = length > 0;
            continue;
        }
        if (gap)
            key[length++] = SHAPE_BOUNDARY;
        gap = 0;
        key[length++] = ch;
    }
    PyObject *result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, key, length);
    PyMem_Free(word);
    return result;
}

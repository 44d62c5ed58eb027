/* The pdfium calls of generator/pdf/pdfium.py's page scan, made from C: one call per page instead
 * of about eight ctypes calls per text object. It only reads pdfium's numbers (float32 widened to
 * double, exactly as ctypes does); all arithmetic on them stays in Python (generator/pdf/boxes.py).
 * `_PageReader._pieces_py` is the same scan in Python, used when this module is not built or
 * DISPUTE_PURE_PYTHON=1, and tests/test_pdfscan.py checks that both give equal pieces.
 *
 * pdfium is passed in as function addresses (from pypdfium2's ctypes bindings), so nothing here
 * links against it. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

typedef int (*is_generated_fn)(void *, int);
typedef void *(*text_object_fn)(void *, int);
typedef int (*origin_fn)(void *, int, double *, double *);
typedef int (*matrix_fn)(void *, int, float *);
typedef void *(*font_fn)(void *);
typedef int (*font_size_fn)(void *, float *);

typedef struct {
    int start, end;
    void *obj;
} Piece;

typedef struct {
    is_generated_fn is_generated;
    text_object_fn text_object;
    origin_fn origin;
    matrix_fn matrix;
    font_fn font;
    font_size_fn font_size;
    void *tp;
    Piece *pieces;
    Py_ssize_t count, capacity;
} Scan;

static int push(Scan *s, int start, int end, void *obj) {
    if (s->count == s->capacity) {
        Py_ssize_t capacity = s->capacity ? 2 * s->capacity : 256;
        Piece *grown = PyMem_Realloc(s->pieces, capacity * sizeof(Piece));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        s->pieces = grown;
        s->capacity = capacity;
    }
    s->pieces[s->count].start = start;
    s->pieces[s->count].end = end;
    s->pieces[s->count].obj = obj;
    s->count++;
    return 0;
}

/* _PageReader._by_object: split a stretch where the text object changes (bisecting), merging
 * the halves' touching pieces of one object. */
static int by_object(Scan *s, int start, int end) {
    void *first = s->text_object(s->tp, start), *last = s->text_object(s->tp, end - 1);
    if (first == last)
        return first ? push(s, start, end, first) : 0;
    if (end - start == 2) {
        if (first && push(s, start, start + 1, first) < 0)
            return -1;
        return last ? push(s, start + 1, end, last) : 0;
    }
    int mid = (start + end) / 2;
    Py_ssize_t base = s->count;
    if (by_object(s, start, mid) < 0)
        return -1;
    Py_ssize_t split = s->count;
    if (by_object(s, mid, end) < 0)
        return -1;
    if (split > base && s->count > split && s->pieces[split - 1].obj == s->pieces[split].obj
        && s->pieces[split - 1].end == s->pieces[split].start) {
        s->pieces[split - 1].end = s->pieces[split].end;
        memmove(&s->pieces[split], &s->pieces[split + 1], (s->count - split - 1) * sizeof(Piece));
        s->count--;
    }
    return 0;
}

/* _PageReader._stretches: index ranges between pdfium's generated characters. */
static int stretches(Scan *s, PyObject *text) {
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), start = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if ((ch == ' ' || ch == '\r' || ch == '\n') && s->is_generated(s->tp, (int)i) == 1) {
            if (i > start && by_object(s, (int)start, (int)i) < 0)
                return -1;
            start = i + 1;
        }
    }
    return start < n ? by_object(s, (int)start, (int)n) : 0;
}

static PyObject *piece_tuple(Scan *s, const Piece *p) {
    float size = 0.0f, m[6] = {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
    double x_first = 0.0, y = 0.0, x_last;
    s->font_size(p->obj, &size);
    void *font = s->font(p->obj);
    s->matrix(s->tp, p->start, m);
    s->origin(s->tp, p->start, &x_first, &y);
    x_last = x_first;
    if (p->end - 1 > p->start)
        s->origin(s->tp, p->end - 1, &x_last, &y);
    /* N steals the references; ctypes gives pointers as unsigned ints, so do we */
    return Py_BuildValue("(iiNdNdddddddd)", p->start, p->end, PyLong_FromVoidPtr(p->obj), (double)size,
                         PyLong_FromVoidPtr(font), (double)m[0], (double)m[1], (double)m[2], (double)m[3],
                         (double)m[4], (double)m[5], x_first, x_last);
}

static void *address(PyObject *functions, Py_ssize_t i) {
    return PyLong_AsVoidPtr(PyTuple_GET_ITEM(functions, i));
}

static PyObject *scan(PyObject *self, PyObject *args) {
    PyObject *functions, *tp, *text;
    if (!PyArg_ParseTuple(args, "O!OU", &PyTuple_Type, &functions, &tp, &text))
        return NULL;
    if (PyTuple_GET_SIZE(functions) != 6) {
        PyErr_SetString(PyExc_ValueError, "scan() needs 6 pdfium function addresses");
        return NULL;
    }
    Scan s = {0};
    s.is_generated = (is_generated_fn)address(functions, 0);
    s.text_object = (text_object_fn)address(functions, 1);
    s.origin = (origin_fn)address(functions, 2);
    s.matrix = (matrix_fn)address(functions, 3);
    s.font = (font_fn)address(functions, 4);
    s.font_size = (font_size_fn)address(functions, 5);
    s.tp = PyLong_AsVoidPtr(tp);
    if (PyErr_Occurred())
        return NULL;
    if (!s.is_generated || !s.text_object || !s.origin || !s.matrix || !s.font || !s.font_size || !s.tp) {
        PyErr_SetString(PyExc_ValueError, "scan() got a null pointer");
        return NULL;
    }
    PyObject *out = NULL;
    if (stretches(&s, text) == 0 && (out = PyList_New(s.count)) != NULL) {
        for (Py_ssize_t i = 0; i < s.count; i++) {
            PyObject *item = piece_tuple(&s, &s.pieces[i]);
            if (item == NULL) {
                Py_CLEAR(out);
                break;
            }
            PyList_SET_ITEM(out, i, item);
        }
    }
    PyMem_Free(s.pieces);
    return out;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS,
     "scan(functions, textpage, text) -> [(start, end, object, size, font, a, b, c, d, e, f, x_first, x_last)]"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_pdfscan", NULL, -1, methods};

PyMODINIT_FUNC PyInit__pdfscan(void) { return PyModule_Create(&module); }

// TfIdfVectorizer: one work item per (row, output column). The column's
// n-grams are col_ngrams[col_start[col] .. col_start[col + 1]); n-gram g is
// pool[ng_off[g] .. ng_off[g] + ng_len[g]). f counts its matches x[s + j*d]
// == gram[j] over skip distances d in 1..max_distance (unigrams: d == 1).
// mode 0 TF: f; 1 IDF: f > 0 ? w : 0; 2 TFIDF: f * w (w = 1 without weights).
#define TFIDF(T, NAME)                                                                          \
  __kernel void NAME(__global const T* x, __global float* y, int items, int cols, int out_size, \
                     __global const int* col_start, __global const int* col_ngrams,            \
                     __global const int* ng_len, __global const int* ng_off,                   \
                     __global const long* pool, int max_distance, int mode,                    \
                     __global const float* w, int has_w) {                                     \
    int i = get_global_id(0);                                                                   \
    if (i >= items) return;                                                                     \
    int row = i / out_size, col = i % out_size;                                                 \
    __global const T* r = x + (long)row * cols;                                                 \
    int f = 0;                                                                                  \
    for (int k = col_start[col]; k < col_start[col + 1]; ++k) {                                 \
      int g = col_ngrams[k];                                                                    \
      int len = ng_len[g];                                                                      \
      __global const long* p = pool + ng_off[g];                                                \
      int dmax = len == 1 ? 1 : max_distance;                                                   \
      for (int d = 1; d <= dmax; ++d) {                                                         \
        for (int s = 0; s + d * (len - 1) < cols; ++s) {                                        \
          int j = 0;                                                                            \
          while (j < len && (long)r[s + j * d] == p[j]) ++j;                                    \
          f += j == len;                                                                        \
        }                                                                                       \
      }                                                                                         \
    }                                                                                           \
    float weight = has_w ? w[col] : 1.0f;                                                       \
    y[i] = mode == 0 ? (float)f : mode == 1 ? (f > 0 ? weight : 0.0f) : (float)f * weight;      \
  }
TFIDF(int, tfidf_i32)
TFIDF(long, tfidf_i64)

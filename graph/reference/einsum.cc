#include "graph/reference/einsum.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace campaign::graph::reference {
namespace {

// Label ids: letters by their character; the k-th dim of the ellipsis
// (counted from the left of the broadcast shape) as kEllipsis + k.
constexpr int kEllipsis = 1000;

struct Term {
  std::vector<int> letters_before, letters_after;  // around "..."
  bool ellipsis = false;
};

Status Bad(const std::string& eq, const std::string& why) {
  return Status::Error(Reason::kInvalidModel, "Einsum '" + eq + "': " + why);
}

Result<Term> ParseTerm(const std::string& eq, const std::string& t) {
  Term term;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '.') {
      if (term.ellipsis || t.compare(i, 3, "...") != 0) return Bad(eq, "bad ellipsis");
      term.ellipsis = true;
      i += 2;
    } else if (std::isalpha(static_cast<unsigned char>(t[i]))) {
      (term.ellipsis ? term.letters_after : term.letters_before).push_back(t[i]);
    } else {
      return Bad(eq, std::string("unexpected character '") + t[i] + "'");
    }
  }
  return term;
}

// The labels of a term's dims, the ellipsis spanning `ell` dims aligned to
// the right of the `max_ell` broadcast dims.
std::vector<int> Labels(const Term& t, int64_t ell, int64_t max_ell) {
  std::vector<int> l = t.letters_before;
  for (int64_t k = 0; k < ell; ++k) l.push_back(kEllipsis + static_cast<int>(max_ell - ell + k));
  l.insert(l.end(), t.letters_after.begin(), t.letters_after.end());
  return l;
}

}  // namespace

Result<EinsumPlan> PlanEinsum(const std::string& equation, const std::vector<Shape>& shapes) {
  std::string eq;
  for (char c : equation) {
    if (!std::isspace(static_cast<unsigned char>(c))) eq += c;
  }
  const size_t arrow = eq.find("->");
  const std::string lhs = eq.substr(0, arrow);
  std::vector<Term> terms;
  size_t start = 0;
  while (true) {
    size_t comma = lhs.find(',', start);
    ASSIGN_OR_RETURN(Term t, ParseTerm(equation, lhs.substr(start, comma - start)));
    terms.push_back(t);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (terms.size() != shapes.size()) {
    return Bad(equation, std::to_string(terms.size()) + " terms for " +
                             std::to_string(shapes.size()) + " inputs");
  }
  // Ellipsis extents and the label of every dim.
  int64_t max_ell = 0;
  std::vector<int64_t> ell(terms.size(), 0);
  for (size_t k = 0; k < terms.size(); ++k) {
    const int64_t letters =
        static_cast<int64_t>(terms[k].letters_before.size() + terms[k].letters_after.size());
    const int64_t rank = static_cast<int64_t>(shapes[k].size());
    if (terms[k].ellipsis ? rank < letters : rank != letters) {
      return Bad(equation, "term " + std::to_string(k) + " does not match the rank of " +
                               ShapeToString(shapes[k]));
    }
    ell[k] = rank - letters;
    max_ell = std::max(max_ell, ell[k]);
  }
  std::map<int, int64_t> size;  // label -> extent
  std::map<int, int> count;     // label -> occurrences over all terms
  std::vector<std::vector<int>> labels;
  for (size_t k = 0; k < terms.size(); ++k) {
    labels.push_back(Labels(terms[k], ell[k], max_ell));
    for (size_t d = 0; d < labels[k].size(); ++d) {
      const int l = labels[k][d];
      const int64_t e = shapes[k][d];
      ++count[l];
      auto it = size.find(l);
      if (it == size.end() || it->second == 1) {
        size[l] = e;
      } else if (e != it->second && !(l >= kEllipsis && e == 1)) {
        return Bad(equation, "label extents disagree (" + std::to_string(e) + " vs " +
                                 std::to_string(it->second) + ")");
      }
    }
  }
  // Output labels: explicit, or the ellipsis then the letters used once, sorted.
  std::vector<int> out;
  if (arrow != std::string::npos) {
    ASSIGN_OR_RETURN(Term t, ParseTerm(equation, eq.substr(arrow + 2)));
    out = Labels(t, t.ellipsis ? max_ell : 0, max_ell);
    for (size_t i = 0; i < out.size(); ++i) {
      if (!size.count(out[i])) return Bad(equation, "output label not in any input");
      if (std::count(out.begin(), out.end(), out[i]) > 1) {
        return Bad(equation, "output label repeated");
      }
    }
  } else {
    for (int64_t k = 0; k < max_ell; ++k) out.push_back(kEllipsis + static_cast<int>(k));
    for (const auto& [l, n] : count) {
      if (l < kEllipsis && n == 1) out.push_back(l);
    }
  }
  EinsumPlan plan;
  std::vector<int> sum;
  for (const auto& [l, e] : size) {
    if (std::find(out.begin(), out.end(), l) == out.end()) sum.push_back(l);
  }
  for (int l : out) {
    plan.out_dims.push_back(size[l]);
    plan.out_shape.push_back(size[l]);
  }
  for (int l : sum) plan.sum_dims.push_back(size[l]);
  std::vector<int> order = out;
  order.insert(order.end(), sum.begin(), sum.end());
  for (size_t k = 0; k < terms.size(); ++k) {
    auto cs = ContiguousStrides(shapes[k]);
    std::vector<int64_t> st(order.size(), 0);
    for (size_t d = 0; d < labels[k].size(); ++d) {
      if (shapes[k][d] == 1) continue;  // broadcast (or a single index: stride irrelevant)
      auto at = std::find(order.begin(), order.end(), labels[k][d]) - order.begin();
      st[at] += cs[d];
    }
    plan.strides.push_back(st);
  }
  return plan;
}

void Einsum(const std::vector<const HostTensor*>& in, const EinsumPlan& plan, HostTensor* y) {
  const size_t no = plan.out_dims.size(), ns = plan.sum_dims.size();
  int64_t sum_count = 1;
  for (int64_t e : plan.sum_dims) sum_count *= e;
  auto py = y->values<float>();
  std::vector<const float*> px;
  for (const HostTensor* t : in) px.push_back(t->values<float>().data());
  std::vector<int64_t> base(in.size()), at(in.size());
  for (int64_t i = 0; i < y->size(); ++i) {
    std::fill(base.begin(), base.end(), 0);
    int64_t rem = i;
    for (size_t d = no; d-- > 0;) {
      const int64_t o = rem % plan.out_dims[d];
      rem /= plan.out_dims[d];
      for (size_t k = 0; k < in.size(); ++k) base[k] += o * plan.strides[k][d];
    }
    double acc = 0;
    for (int64_t j = 0; j < sum_count; ++j) {
      at = base;
      int64_t r = j;
      for (size_t d = ns; d-- > 0;) {
        const int64_t s = r % plan.sum_dims[d];
        r /= plan.sum_dims[d];
        for (size_t k = 0; k < in.size(); ++k) at[k] += s * plan.strides[k][no + d];
      }
      double p = 1;
      for (size_t k = 0; k < in.size(); ++k) p *= px[k][at[k]];
      acc += p;
    }
    py[i] = static_cast<float>(acc);
  }
}

}  // namespace campaign::graph::reference

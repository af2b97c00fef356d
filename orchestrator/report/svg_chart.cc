#include "orchestrator/report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace campaign {

namespace {

constexpr const char* kPalette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                    "#9467bd", "#8c564b", "#e377c2", "#17becf"};

std::string Num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.1f", v);
  return buf;
}

std::string Label(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.4g", v);
  return buf;
}

// A "nice" upper bound for the y axis: 1, 2 or 5 times a power of ten.
double NiceCeil(double v) {
  if (v <= 0) return 1;
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * p >= v) return m * p;
  }
  return 10 * p;
}

}  // namespace

std::string HtmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RenderLineChartSvg(const ChartSpec& spec) {
  const double w = spec.width, h = spec.height;
  const double left = 60, right = 110, top = 30, bottom = 45;
  const double pw = w - left - right, ph = h - top - bottom;
  std::vector<double> xs;
  double ymax = spec.reference_y.value_or(0);
  for (const auto& s : spec.series) {
    for (const auto& p : s.points) {
      xs.push_back(p.x);
      ymax = std::max(ymax, p.y);
    }
  }
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  ymax = NiceCeil(ymax * 1.05);
  auto px = [&](double x) {
    const size_t i = std::lower_bound(xs.begin(), xs.end(), x) - xs.begin();
    return xs.size() < 2 ? left + pw / 2 : left + pw * static_cast<double>(i) / (xs.size() - 1);
  };
  auto py = [&](double y) { return top + ph * (1 - y / ymax); };

  std::string o = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" + Num(w) +
                  "\" height=\"" + Num(h) + "\" viewBox=\"0 0 " + Num(w) + " " + Num(h) +
                  "\" role=\"img\" aria-label=\"" + HtmlEscape(spec.title) + "\">\n";
  o += "<rect x=\"0\" y=\"0\" width=\"" + Num(w) + "\" height=\"" + Num(h) +
       "\" fill=\"#fff\" stroke=\"#ccc\"/>\n";
  o += "<text x=\"" + Num(w / 2) +
       "\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" "
       "font-weight=\"bold\">" +
       HtmlEscape(spec.title) + "</text>\n";
  if (xs.empty()) {
    o += "<text x=\"" + Num(w / 2) + "\" y=\"" + Num(h / 2) +
         "\" text-anchor=\"middle\" fill=\"#888\">no successful jobs</text>\n</svg>\n";
    return o;
  }
  // Grid and y ticks.
  for (int i = 0; i <= 4; ++i) {
    const double y = ymax * i / 4;
    o += "<line x1=\"" + Num(left) + "\" x2=\"" + Num(left + pw) + "\" y1=\"" + Num(py(y)) +
         "\" y2=\"" + Num(py(y)) + "\" stroke=\"#eee\"/>\n";
    o += "<text x=\"" + Num(left - 6) + "\" y=\"" + Num(py(y) + 4) +
         "\" text-anchor=\"end\" font-size=\"11\">" + Label(y) + "</text>\n";
  }
  for (double x : xs) {
    o += "<text x=\"" + Num(px(x)) + "\" y=\"" + Num(top + ph + 16) +
         "\" text-anchor=\"middle\" font-size=\"11\">" + Label(x) + "</text>\n";
  }
  o += "<line x1=\"" + Num(left) + "\" x2=\"" + Num(left) + "\" y1=\"" + Num(top) + "\" y2=\"" +
       Num(top + ph) + "\" stroke=\"#333\"/>\n";
  o += "<line x1=\"" + Num(left) + "\" x2=\"" + Num(left + pw) + "\" y1=\"" + Num(top + ph) +
       "\" y2=\"" + Num(top + ph) + "\" stroke=\"#333\"/>\n";
  o += "<text x=\"" + Num(left + pw / 2) + "\" y=\"" + Num(h - 8) +
       "\" text-anchor=\"middle\" font-size=\"12\">" + HtmlEscape(spec.x_label) + "</text>\n";
  o += "<text transform=\"translate(14," + Num(top + ph / 2) +
       ") rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">" + HtmlEscape(spec.y_label) +
       "</text>\n";
  if (spec.reference_y) {
    o += "<line class=\"reference\" x1=\"" + Num(left) + "\" x2=\"" + Num(left + pw) + "\" y1=\"" +
         Num(py(*spec.reference_y)) + "\" y2=\"" + Num(py(*spec.reference_y)) +
         "\" stroke=\"#555\" stroke-dasharray=\"6,4\"/>\n";
  }
  for (size_t s = 0; s < spec.series.size(); ++s) {
    const auto& series = spec.series[s];
    const std::string color = kPalette[s % std::size(kPalette)];
    std::vector<ChartPoint> pts = series.points;
    std::sort(pts.begin(), pts.end(), [](auto& a, auto& b) { return a.x < b.x; });
    std::string path;
    for (const auto& p : pts) path += (path.empty() ? "" : " ") + Num(px(p.x)) + "," + Num(py(p.y));
    if (pts.size() > 1) {
      o += "<polyline class=\"series\" fill=\"none\" stroke=\"" + color +
           "\" stroke-width=\"2\" points=\"" + path + "\"/>\n";
    }
    for (const auto& p : pts) {
      o += "<circle class=\"point\" cx=\"" + Num(px(p.x)) + "\" cy=\"" + Num(py(p.y)) +
           "\" r=\"4\" fill=\"" + color + "\"><title>" + HtmlEscape(series.label) +
           " x=" + Label(p.x) + " y=" + Label(p.y) + "</title></circle>\n";
    }
    const double ly = top + 10 + 18 * static_cast<double>(s);
    o += "<rect x=\"" + Num(left + pw + 12) + "\" y=\"" + Num(ly - 8) +
         "\" width=\"12\" height=\"12\" fill=\"" + color + "\"/>";
    o += "<text x=\"" + Num(left + pw + 30) + "\" y=\"" + Num(ly + 2) + "\" font-size=\"12\">" +
         HtmlEscape(series.label) + "</text>\n";
  }
  return o + "</svg>\n";
}

}  // namespace campaign

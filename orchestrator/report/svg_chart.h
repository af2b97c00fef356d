// Inline SVG line charts for the HTML report: no scripts, no fonts or
// images fetched, so the page renders offline.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace campaign {

struct ChartPoint {
  double x = 0;  // e.g. the batch size
  double y = 0;  // >= 0
};

struct ChartSeries {
  std::string label;  // legend text, e.g. "fp16"
  std::vector<ChartPoint> points;
};

struct ChartSpec {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<ChartSeries> series;
  // A dashed horizontal line (e.g. ratio 1.0 = the baseline), if set.
  std::optional<double> reference_y;
  int width = 520;
  int height = 300;
};

// An <svg> element. The x axis is categorical: the distinct x values of all
// series, sorted and evenly spaced (batch sizes 1, 8, 32 read better so than
// on a linear axis); the y axis is linear from 0. Each point carries a
// <title> tooltip "label x=.. y=..". With no points, the chart says so.
std::string RenderLineChartSvg(const ChartSpec& spec);

// Escapes &, <, >, " and ' for HTML/SVG text and attributes.
std::string HtmlEscape(const std::string& s);

}  // namespace campaign

// Pass "fold_pad": a zero-padding Pad in front of a Conv becomes the Conv's
// own pads. Conditions: Pad mode "constant" with value 0 (absent or a zero
// initializer), pads known (initializer, or attribute before opset 11), no
// axes input, no padding of dimensions 0 and 1, no negative pads; its output
// read only by Conv nodes as their X (not a graph output); those Convs have
// auto_pad NOTSET. Every such Conv then reads the Pad's input.
#pragma once

#include <onnx/onnx_pb.h>

namespace campaign::converter {

// Returns the number of Pad nodes folded.
int FoldPadIntoConv(onnx::GraphProto& graph);

}  // namespace campaign::converter

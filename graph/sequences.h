// Static lowering of ONNX sequence and optional values.
//
// An engine has fixed shapes, so a sequence whose length and element shapes
// are known when the engine is built is just a list of tensors, and an
// optional known to be present or empty is a tensor or nothing. This pass
// rewrites a model into plain tensor ops under that assumption:
//
//   SequenceEmpty, SequenceConstruct, SequenceInsert, SequenceErase,
//   SequenceAt, SequenceLength, SplitToSequence, ConcatFromSequence,
//   SequenceMap (its body inlined once per element, extra tensor inputs
//   passed to every step), Optional, OptionalHasElement, OptionalGetElement,
//   and Identity of a sequence or optional.
//
// Positions and split sizes must be constants at build time: initializers,
// Constant nodes, or anything computable from those (evaluated with
// graph::Plan on the slice of the graph that computes them). Split sizes
// also need the split tensor's static shape.
//
// Graph inputs: a sequence input `x` of N elements becomes N tensor inputs
// `x.0` .. `x.N-1` (in its place, in order); an optional input becomes its
// tensor, its sequence's tensors (as above) or, when empty, nothing. N,
// shapes and presence come from the caller (SequenceShapes). Graph outputs:
// a sequence output `y` becomes outputs `y.0` .. `y.N-1`; an optional
// output its tensor (named `y`), its sequence's tensors, or nothing.
//
// Whatever is not static (a run-time position, a sequence produced by Loop
// or If, a sequence input of unknown length) is kUnsupportedOp naming the
// node and what would make it static. Device-free.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph {

// What one sequence- or optional-typed graph input holds in this build.
struct SequenceInput {
  bool present = true;            // false: an empty optional
  bool is_sequence = true;        // false: an optional holding one tensor
  DType dtype = DType::kFloat32;  // element type
  std::vector<Shape> shapes;      // sequence: one per element; tensor: exactly one
};
// Graph input name -> what it holds.
using SequenceShapes = std::map<std::string, SequenceInput>;

// True when `model` has a sequence- or optional-typed graph input or output,
// or a node of the operators above: LowerSequences has work to do.
bool HasSequences(const onnx::ModelProto& model);

// Replaces every sequence- and optional-typed graph input by tensor inputs
// (named as above, typed from `known`) and puts the nodes that rebuild the
// value (SequenceConstruct, SequenceEmpty, Optional) first in the graph; the
// model stays valid ONNX. An optional input absent from `known` is taken as
// present with its declared tensor type. kUnsupportedOp for a sequence input
// absent from `known`, or one whose declared type is not a tensor sequence.
Status ExpandSequenceInputs(onnx::ModelProto* model, const SequenceShapes& known);

struct LowerOptions {
  // Leave in place what cannot be lowered (a Loop or If reading a sequence,
  // sequence ops over a sequence that such a node produces), rebuilding the
  // sequences and optionals it reads with SequenceConstruct/SequenceEmpty/
  // Optional nodes, instead of refusing it. For a driver that alternates
  // this pass with control-flow unrolling until nothing changes, then runs
  // it once more without this option.
  bool keep_unlowered = false;
};

// ExpandSequenceInputs, then rewrites every sequence/optional node into
// tensor ops and the graph outputs as above. Drops value_info entries of
// sequence/optional type. Does nothing (returns OK) when !HasSequences.
// On error `model` is left partly rewritten: lower a copy when that matters.
Status LowerSequences(onnx::ModelProto* model, const SequenceShapes& known_inputs,
                      const LowerOptions& options = {});

}  // namespace campaign::graph

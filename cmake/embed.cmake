# campaign_embed_files(TARGET NAMESPACE FILES...)
# Compiles each file into TARGET as a string: OpenCL C kernels and SQL
# migrations live in their own files and are embedded at build time.
# Generates <target>_embedded.h declaring
#   struct EmbeddedFile { std::string_view name; std::string_view text; };
#   std::span<const EmbeddedFile> <NAMESPACE>::EmbeddedFiles();  // sorted by name
function(campaign_embed_files target ns)
  set(gen_dir "${CMAKE_CURRENT_BINARY_DIR}/embedded")
  set(out_cc "${gen_dir}/${target}_embedded.cc")
  set(out_h "${gen_dir}/${target}_embedded.h")
  set(files ${ARGN})
  list(SORT files)
  set(abs_files "")
  foreach(f IN LISTS files)
    list(APPEND abs_files "${CMAKE_CURRENT_SOURCE_DIR}/${f}")
  endforeach()
  add_custom_command(
    OUTPUT "${out_cc}" "${out_h}"
    COMMAND ${CMAKE_COMMAND} -DOUT_CC=${out_cc} -DOUT_H=${out_h} -DNS=${ns}
            "-DFILES=${abs_files}" -P "${PROJECT_SOURCE_DIR}/cmake/embed_script.cmake"
    DEPENDS ${abs_files} "${PROJECT_SOURCE_DIR}/cmake/embed_script.cmake"
    COMMENT "Embedding ${ns} files into ${target}"
    VERBATIM)
  target_sources(${target} PRIVATE "${out_cc}")
  target_include_directories(${target} PUBLIC "${gen_dir}")
endfunction()

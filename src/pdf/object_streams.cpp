#include "pdf/object_streams.h"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>
#include <memory>

namespace oitgen::pdf {

bool pack_object_streams(std::string& pdf, std::string& error) {
  try {
    QPDF in;
    in.setSuppressWarnings(true);
    in.processMemoryFile("oitgen output", pdf.data(), pdf.size());
    QPDFWriter out(in);
    out.setOutputMemory();
    out.setObjectStreamMode(qpdf_o_generate);
    out.setDecodeLevel(qpdf_dl_none);  // copy every stream's bytes as they are
    out.setCompressStreams(false);
    out.setDeterministicID(true);
    out.write();
    if (in.anyWarnings()) {
      error = "libqpdf found problems in the PDF libharu wrote";
      return false;
    }
    const std::shared_ptr<Buffer> packed = out.getBufferSharedPointer();
    pdf.assign(reinterpret_cast<const char*>(packed->getBuffer()), packed->getSize());
    return true;
  } catch (const std::exception& e) {
    error = std::string("could not pack the PDF's objects: ") + e.what();
    return false;
  }
}

}  // namespace oitgen::pdf

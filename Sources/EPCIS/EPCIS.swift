// The EPCIS module: EPCIS 2.0 / CBV 2.0 model, codecs, validation and event hash.

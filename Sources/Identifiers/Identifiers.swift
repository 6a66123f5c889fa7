// The Identifiers module: GS1 keys, element strings, Digital Link, EPC URNs, RFID binary, China drug codes.

"""Reading and writing the parts of a .wasm file that scripts/short_names.py and
scripts/check_wasm.py need: LEB128 numbers, names, and the list of
sections.

A module for those scripts (they import it from their own folder), not a command.
"""


def leb(data, i):
    """Reads an unsigned LEB128 at `i`: (value, next index)."""
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def uleb(value):
    """An unsigned LEB128."""
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def name(text):
    """A name as the binary format writes it: its UTF-8 length, then its bytes."""
    raw = text.encode()
    return uleb(len(raw)) + raw


def read_name(data, i):
    """Reads a name at `i`: (text, next index)."""
    length, i = leb(data, i)
    return data[i : i + length].decode(), i + length


def sections(data):
    """The module's sections in order, as (id, content) pairs; ValueError if it is not a module."""
    if data[:4] != b"\0asm":
        raise ValueError("not a WebAssembly module")
    out = []
    i = 8
    while i < len(data):
        size, start = leb(data, i + 1)
        out.append((data[i], data[start : start + size]))
        i = start + size
    return out


def module(parts):
    """A module from (id, content) pairs: the header, then each section with its size."""
    out = bytearray(b"\0asm\x01\0\0\0")
    for kind, content in parts:
        out += bytes([kind]) + uleb(len(content)) + content
    return bytes(out)

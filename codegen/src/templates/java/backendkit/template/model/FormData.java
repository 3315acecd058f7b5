package backendkit.template.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import javax.annotation.processing.Generated;

/**
 * Form bodies ({@code application/x-www-form-urlencoded} and {@code multipart/form-data}) as JSON
 * trees, so that they bind to the generated records and are validated exactly like JSON bodies.
 * Each form's fields are described by kind: {@code string}, {@code integer}, {@code number},
 * {@code boolean}, {@code file} (a {@link FileUpload}-shaped object), {@code bytes}, {@code json}
 * (the value is JSON text) and {@code array:<kind>} (the field repeated). Parsing and encoding are
 * pure functions of their input. Thread-safe.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public final class FormData {

    /** The urlencoded media type. */
    public static final String URLENCODED = "application/x-www-form-urlencoded";
    /** The multipart media type. */
    public static final String MULTIPART = "multipart/form-data";

    private static final Pattern STRICT_INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern STRICT_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final byte[] CRLF = {'\r', '\n'};
    /** Reads {@code json} fields and writes records as trees; never reconfigured after creation. */
    private static final ObjectMapper MAPPER = ApiJson.newMapper();

    private FormData() {}

    /** A form body that is not well formed; the message says what and where. */
    public static final class MalformedFormException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /**
         * A malformed form.
         *
         * @param message what is wrong
         */
        public MalformedFormException(String message) {
            super(message);
        }
    }

    /**
     * An encoded form body.
     *
     * @param bytes the body
     * @param contentType the {@code Content-Type} to send it with (with the boundary for multipart)
     */
    public record Encoded(byte[] bytes, String contentType) {}

    /** One field as sent: its text or bytes, and for a file part its file name and media type. */
    private record Part(String name, byte[] content, String filename, String contentType, boolean file) {}

    /**
     * Parses a form body into a tree a generated record can be read from.
     *
     * @param body the request body
     * @param contentType the request's {@code Content-Type} header (the multipart boundary is read from it)
     * @param fields field name to kind, as generated
     * @return the form as a JSON object
     * @throws MalformedFormException when the body is not a well-formed form of its media type
     */
    public static ObjectNode parse(byte[] body, String contentType, Map<String, String> fields) {
        String ct = contentType == null ? "" : contentType.trim();
        String base = baseType(ct);
        List<Part> parts;
        if (base.equals(MULTIPART)) {
            parts = multipart(body, boundary(ct));
        } else if (base.equals(URLENCODED)) {
            parts = urlencoded(body);
        } else {
            throw new MalformedFormException("Content-Type must be " + URLENCODED + " or " + MULTIPART + " (was "
                    + (ct.isEmpty() ? "none" : base) + ")");
        }
        return treeOf(parts, fields);
    }

    /**
     * One field of a form the runtime has already split into parts (a servlet container's
     * multipart parts, say).
     *
     * @param name the field's name
     * @param content its bytes (UTF-8 text for fields that are not files)
     * @param filename the file name of a file part, else null
     * @param contentType the part's media type, or null
     */
    public record Field(String name, byte[] content, String filename, String contentType) {}

    /**
     * Reads fields the runtime has parsed into a tree a generated record can be read from, as
     * {@link #parse} does with the fields of a body.
     *
     * @param fields the fields in the order sent
     * @param kinds field name to kind, as generated
     * @return the form as a JSON object
     * @throws MalformedFormException when a text field is not UTF-8
     */
    public static ObjectNode tree(List<Field> fields, Map<String, String> kinds) {
        List<Part> parts = new ArrayList<>(fields.size());
        for (Field f : fields) {
            parts.add(new Part(f.name(), f.content(), f.filename(), f.contentType(), f.filename() != null));
        }
        return treeOf(parts, kinds);
    }

    private static ObjectNode treeOf(List<Part> parts, Map<String, String> fields) {
        Map<String, List<Part>> byName = new LinkedHashMap<>();
        for (Part p : parts) {
            byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
        }
        ObjectNode tree = NODES.objectNode();
        for (Map.Entry<String, List<Part>> e : byName.entrySet()) {
            String kind = fields.getOrDefault(e.getKey(), "string");
            List<Part> values = e.getValue();
            if (kind.startsWith("array:")) {
                ArrayNode array = tree.putArray(e.getKey());
                for (Part p : values) {
                    array.add(node(p, kind.substring("array:".length())));
                }
            } else if (values.size() == 1) {
                tree.set(e.getKey(), node(values.get(0), kind));
            } else {
                // a field given more than once is an array where the schema wants one value:
                // the binding reports it in the schema's terms
                ArrayNode array = tree.putArray(e.getKey());
                values.forEach(p -> array.add(node(p, kind)));
            }
        }
        return tree;
    }

    /**
     * {@link #parse} for one form's fields, as the generated routes hand it to the server.
     *
     * @param fields field name to kind, as generated
     * @return a function of the body and its {@code Content-Type}
     */
    public static BiFunction<byte[], String, ObjectNode> parser(Map<String, String> fields) {
        return (body, contentType) -> parse(body, contentType, fields);
    }

    private static JsonNode node(Part p, String kind) {
        if (kind.equals("file")) {
            ObjectNode file = NODES.objectNode();
            file.put("filename", p.filename());
            file.put("contentType", p.contentType());
            file.put("content", p.content());
            return file;
        }
        if (kind.equals("bytes")) {
            return NODES.binaryNode(p.content());
        }
        String text = utf8(p.content(), p.name());
        if (kind.equals("integer") && STRICT_INTEGER.matcher(text).matches()) {
            return NODES.numberNode(new BigInteger(text));
        }
        if ((kind.equals("integer") || kind.equals("number"))
                && STRICT_NUMBER.matcher(text).matches()) {
            // a fraction for an integer is reported by the binding as "must be an integer"
            return NODES.numberNode(new BigDecimal(text));
        }
        if (kind.equals("boolean") && (text.equals("true") || text.equals("false"))) {
            return NODES.booleanNode(Boolean.parseBoolean(text));
        }
        if (kind.equals("json")) {
            try {
                return MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                // kept as text: the binding says what the field must be
            }
        }
        return NODES.textNode(text);
    }

    /**
     * Encodes a generated record as a form body.
     *
     * @param value the record
     * @param fields field name to kind, as generated
     * @param mediaType {@link #URLENCODED} or {@link #MULTIPART}
     * @return the body and its content type
     */
    public static Encoded encode(Object value, Map<String, String> fields, String mediaType) {
        JsonNode tree = MAPPER.valueToTree(value);
        List<Part> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : tree.properties()) {
            String kind = fields.getOrDefault(e.getKey(), "string");
            JsonNode v = e.getValue();
            if (v == null || v.isNull()) {
                continue;
            }
            if (kind.startsWith("array:") && v.isArray()) {
                for (JsonNode item : v) {
                    parts.add(part(e.getKey(), item, kind.substring("array:".length())));
                }
            } else {
                parts.add(part(e.getKey(), v, kind));
            }
        }
        if (baseType(mediaType).equals(MULTIPART)) {
            String boundary = "backendkit-" + UUID.randomUUID();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Part p : parts) {
                out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(p.name()) + "\""
                                + (p.file() && p.filename() != null ? "; filename=\"" + quote(p.filename()) + "\"" : "")
                                + "\r\n" + (p.contentType() == null ? "" : "Content-Type: " + p.contentType() + "\r\n")
                                + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.writeBytes(p.content());
                out.writeBytes(CRLF);
            }
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return new Encoded(out.toByteArray(), MULTIPART + "; boundary=" + boundary);
        }
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            sb.append(sb.isEmpty() ? "" : "&")
                    .append(URLEncoder.encode(p.name(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(new String(p.content(), StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
        return new Encoded(sb.toString().getBytes(StandardCharsets.UTF_8), URLENCODED);
    }

    private static Part part(String name, JsonNode v, String kind) {
        try {
            if (kind.equals("file") && v.isObject()) {
                JsonNode content = v.get("content");
                byte[] bytes = content == null || content.isNull() ? new byte[0] : content.binaryValue();
                String filename = v.hasNonNull("filename") ? v.get("filename").asText() : null;
                String type = v.hasNonNull("contentType") ? v.get("contentType").asText() : "application/octet-stream";
                return new Part(name, bytes, filename, type, true);
            }
            if (kind.equals("bytes")) {
                return new Part(name, v.binaryValue(), null, "application/octet-stream", true);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("form field '" + name + "' cannot be written: " + e.getMessage(), e);
        }
        if (kind.equals("json") || v.isContainerNode()) {
            return new Part(name, v.toString().getBytes(StandardCharsets.UTF_8), null, "application/json", false);
        }
        String text = v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText();
        return new Part(name, text.getBytes(StandardCharsets.UTF_8), null, null, false);
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("\r", "%0D")
                .replace("\n", "%0A");
    }

    private static String baseType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private static String utf8(byte[] bytes, String field) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFormException("form field '" + field + "' is not valid UTF-8");
        }
    }

    private static List<Part> urlencoded(byte[] body) {
        String text = utf8(body, "(body)");
        List<Part> parts = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int amp = text.indexOf('&', start);
            int end = amp < 0 ? text.length() : amp;
            if (end > start) {
                String pair = text.substring(start, end);
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), start);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), start + eq + 1);
                if (name.isEmpty()) {
                    throw new MalformedFormException("form field without a name at offset " + start);
                }
                parts.add(new Part(name, value.getBytes(StandardCharsets.UTF_8), null, null, false));
            }
            start = end + 1;
        }
        return parts;
    }

    private static String decode(String s, int offset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
                if (lo < 0) {
                    throw new MalformedFormException("bad percent-encoding at offset " + (offset + i)
                            + " (% must be followed by two hex digits)");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return utf8(out.toByteArray(), "(body)");
    }

    private static String boundary(String contentType) {
        for (String param : params(contentType, 1)) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                String b = unquote(param.substring(eq + 1).trim());
                if (!b.isEmpty() && b.length() <= 200) {
                    return b;
                }
            }
        }
        throw new MalformedFormException("multipart/form-data without a boundary parameter in Content-Type");
    }

    /** The ;-separated parameters after the first {@code skip} entries, quotes respected. */
    private static List<String> params(String header, int skip) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted && c == '\\' && i + 1 < header.length()) {
                sb.append(c).append(header.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                out.add(sb.toString().trim());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString().trim());
        return out.subList(Math.min(skip, out.size()), out.size());
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < s.length() - 1; i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length() - 1) {
                    c = s.charAt(++i);
                }
                sb.append(c);
            }
            return sb.toString();
        }
        return s;
    }

    private static List<Part> multipart(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = body.length >= delimiter.length && startsWith(body, 0, delimiter) ? 0 : indexOf(body, next, 0);
        if (at < 0) {
            throw new MalformedFormException("multipart body does not contain its boundary");
        }
        int pos = at + (at == 0 && startsWith(body, 0, delimiter) ? delimiter.length : next.length);
        List<Part> parts = new ArrayList<>();
        while (true) {
            if (startsWith(body, pos, new byte[] {'-', '-'})) {
                return parts; // the closing delimiter; an epilogue after it is ignored
            }
            while (pos < body.length && (body[pos] == ' ' || body[pos] == '\t')) {
                pos++;
            }
            if (!startsWith(body, pos, CRLF)) {
                throw new MalformedFormException("multipart boundary not followed by a line break at offset " + pos);
            }
            pos += 2;
            int headersEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, pos);
            int contentStart;
            String headerText;
            if (startsWith(body, pos, CRLF)) {
                headerText = "";
                contentStart = pos + 2;
            } else if (headersEnd < 0) {
                throw new MalformedFormException("multipart part headers are not terminated (offset " + pos + ")");
            } else {
                headerText = new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
                contentStart = headersEnd + 4;
            }
            int end = indexOf(body, next, contentStart);
            if (end < 0) {
                throw new MalformedFormException(
                        "multipart part starting at offset " + pos + " is not closed by the boundary");
            }
            parts.add(part(headerText, java.util.Arrays.copyOfRange(body, contentStart, end), pos));
            pos = end + next.length;
        }
    }

    private static Part part(String headerText, byte[] content, int offset) {
        String name = null;
        String filename = null;
        boolean file = false;
        String type = null;
        for (String line : headerText.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedFormException("malformed multipart part header at offset " + offset);
            }
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (header.equals("content-disposition")) {
                if (!baseType(value).equals("form-data")) {
                    throw new MalformedFormException("multipart part at offset " + offset
                            + " is not form-data (Content-Disposition: " + baseType(value) + ")");
                }
                for (String param : params(value, 1)) {
                    int eq = param.indexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    String key = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                    if (key.equals("name")) {
                        name = unquote(param.substring(eq + 1).trim());
                    } else if (key.equals("filename")) {
                        filename = unquote(param.substring(eq + 1).trim());
                        file = true;
                    }
                }
            } else if (header.equals("content-type")) {
                type = value;
            }
        }
        if (name == null || name.isEmpty()) {
            throw new MalformedFormException(
                    "multipart part at offset " + offset + " has no Content-Disposition: form-data; name=...");
        }
        return new Part(name, content, filename, type, file);
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > body.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

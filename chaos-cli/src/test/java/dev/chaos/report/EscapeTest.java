package dev.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EscapeTest {

    @Test
    void htmlEscapesMarkupAndQuotes() {
        assertEquals("&lt;img src=x onerror=&quot;a&#39;&quot;&gt; &amp;", Escape.html("<img src=x onerror=\"a'\"> &"));
    }

    @Test
    void xmlReplacesWhatXml10CannotCarry() {
        assertEquals("a\uFFFDb\uFFFDc&#10;&lt;&amp;&quot;&apos;\uD83D\uDE00", Escape.xml("a\u0001b\uD800c\n<&\"'\uD83D\uDE00"));
    }

    @Test
    void scriptJsonHasNoMarkupCharactersAndParsesBackToTheSameValue() throws Exception {
        Map<String, Object> v = Map.of("k</script>", List.of("<img src=x onerror=alert(1)>", "a & b", "\u2028\u2029", "\\<"));
        String json = ScriptJson.of(v);
        for (String c : List.of("<", ">", "&", "\u2028", "\u2029")) {
            assertEquals(-1, json.indexOf(c), "no raw " + c + " in " + json);
        }
        assertEquals(new ObjectMapper().valueToTree(v), new ObjectMapper().readTree(json));
    }

    @Test
    void templateValuesAreNotSubstitutedTwice() {
        String out = HtmlReport.fill("<t>{{title}}</t><s>{{data}}</s>{{unknown}}", Map.of("title", "{{data}}", "data", "{{title}}"));
        assertEquals("<t>{{data}}</t><s>{{title}}</s>{{unknown}}", out);
    }
}

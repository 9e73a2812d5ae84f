/* The form editor (/editor/). A plan is its sections in the source's order, each with the source's heading and one
 * kind of content (pairing/content/schema.yml); the plan file is its front matter only. The form takes its choices,
 * labels and limits from the published schema (editor/data.json), checks every box as the person types and says
 * what is wrong in Chinese, and writes the file with the vendored js-yaml (MIT): block lists only, | blocks for
 * text of several lines, quotes wherever YAML (1.1, as the site reads it) could read a text as something else.
 * Every file is read back before it is shown; if it does not say exactly what the boxes say, it is not shown.
 * No framework, no third-party request, no eval, no inline style. */
(function () {
  "use strict";

  var root = document.getElementById("plan-editor");
  if (!root) { return; }
  var site = null;        // editor/data.json
  var model = null;       // what the boxes hold, shaped like the plan (years and months as typed)
  var loadedSlug = "";    // the site plan loaded for editing, if any
  var undoSnapshot = null;
  var limits = null;

  // The kinds of content a section has (schema.yml: section's x-one-of), and "heading only".
  var CONTENTS = [["paragraphs", "段落"], ["list", "条目"], ["group", "小组成员"], ["timetable", "活动安排"],
    ["signature", "落款"], ["none", "只有标题"]];
  var CONTENT_KEYS = ["paragraphs", "list", "group", "timetable", "signature"];
  var LEVEL_NAMES = {2: "一级标题", 3: "二级标题", 4: "三级标题"};
  // Where lists sit in the file: the sections list is the 2nd level (the plan itself the 1st), a section's list
  // or timetable the 4th; a list item is one level below its list, its sub-items two.
  var SECTION_LIST_DEPTH = 4;
  var ROW_ITEMS_DEPTH = 6;

  // What YAML 1.1 (the site's reader) takes for something other than text when it is written without quotes:
  // true/false and yes/no/on/off, numbers (also 0x…, 0b…, 1_000, 9:30), dates, null and ~, << and =.
  var YAML11_WORDS = new RegExp("^(?:y|Y|n|N|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF" +
    "|~|null|Null|NULL|<<|=|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+" +
    "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9_]+(?:[eE][-+][0-9]+)?" +
    "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)" +
    "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?" +
    "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$");
  // Writing: such texts are quoted (js-yaml quotes whatever an implicit type of its schema would take).
  // Reading back: left unquoted, they come back as a marker object, which never equals the text.
  var YAML11 = new jsyaml.Type("tag:yaml.org,2002:yaml11", {kind: "scalar",
    resolve: function (text) { return text !== null && YAML11_WORDS.test(text); },
    construct: function (text) { return {yaml11: text}; }});
  var CHECK_SCHEMA = jsyaml.DEFAULT_SCHEMA.extend({implicit: [YAML11]});
  // Reading a pasted plan: a plain yes or 9:30 meant the text written.
  var PASTE_SCHEMA = jsyaml.DEFAULT_SCHEMA.extend({implicit: [new jsyaml.Type("tag:yaml.org,2002:yaml11text", {
    kind: "scalar", resolve: YAML11.resolve, construct: function (text) { return text; }})]});
  var DUMP_OPTIONS = {schema: CHECK_SCHEMA, flowLevel: -1, lineWidth: -1, noRefs: true, indent: 2};

  // What the site refuses in any text (pairing/content/markup.py, policy.py).
  var INVISIBLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;
  var NUMERIC_REFERENCE = /&#(?:([0-9]{1,8})|[xX]([0-9a-fA-F]{1,8}));?/g;
  var AUTOLINK = /<(?:https?:\/\/|mailto:)[^\s<>]*>/gi;
  var TAG_START = /<(?=[A-Za-z\/!?])/;
  var TEMPLATE_MARK = /\{\{|\{%|\{#/;

  // Help texts: what to write in each box, in the words of the source, never of the file format.
  var HELP = {
    title: "计划在网站上显示的标题。不能含 <、> 和 & 符号（书名请用《》）。",
    slug: "计划网址的一部分，也是计划文件的名字：只用小写英文字母、数字和连字符“-”，如 dongyuan-jiedui。",
    original_title: "原文档的标题，照原文写（如“篇1：幼儿园帮扶计划”）。原文没有单独的标题就空着。",
    former_slugs: "计划改过网址名时，把以前的网址名写在这里，旧链接和旧二维码会自动转到新网址。没改过就不用填。",
    parties: "计划涉及的幼儿园和各自的角色。名单里没有的幼儿园，请在提交时说明，由审核人员先登记。",
    author: "写这份计划的幼儿园，必须是上面的参与幼儿园之一；原文看不出是谁写的，就选“原文没有写明”。",
    period: "计划的时间，照原文写（如“2023年4月至2025年4月”“每学年”）。原文写明了年份、月份的，可以另填起止年月，" +
      "活动日历和排序会用到；原文没写的不要猜，空着就好。原文没有写时间，这一栏全部空着。",
    sections: "计划的正文，按原文的顺序一节一节填写：每节照原文写标题（连同编号和标点），再选这一节的内容是段落、条目、" +
      "小组成员、活动安排还是落款。原文开头没有标题的引言，也作为一节，标题空着。",
    heading: "照原文写，连同编号和标点，如“四、预期效果”“（三）工作要求：”。这一节原文没有标题就空着。",
    level: "不选就是一级标题；原文在一级标题下面的小标题选二级，再下一层选三级。",
    kind: "这一节讲的是什么，可以不选；只用于开放数据和检索归类，页面上不显示。",
    content: "这一节原文写的是什么。原文只有标题、下面紧接着是小标题的，选“只有标题”，小标题另起一节。",
    paragraphs: "一段写一个框；按“添加一段”写下一段。",
    list: "按原文顺序一项一项写。编号照原文写，连同标点（如“1、”“（一）”“①”“一是”），原文没有编号就空着；" +
      "条目开头有小标题的写在“小标题”里；条目下面还有小条目的，点“添加下级条目”。",
    group: "领导小组、工作小组或参与人员，每人一项；职务、分工原文没有就空着，姓名照原文写（原文的 xxx 照原样写）。",
    timetable: "按时间或阶段排列的安排，每行照原文写时间（月份、学期、周次、日期或阶段），再写这一行的正文或条目。",
    row: "时间照原文写（如“二、三月份”“第一学期”“启动阶段（2023年4月）”）。年份：原文写明了公历年份才填，如 2024，" +
      "没写就空着，不要猜。月份：这一行在哪几个月，写 1 到 12 的数字，几个月用顿号隔开，如“10、11”，连着的几个月可以写“9-12”，" +
      "跨年写“12、1”；原文没写月份就空着。",
    signature: "文末落款，单位和日期都照原文写（如“XX年X月”）。",
    tags: "方便查找的主题词，如 送教下乡、环境创设；一个词写一项，最长 20 个字。"
  };

  // Small helpers
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function keyOf(path) { return path.join("."); }
  function length(text) { return Array.from(text).length; }
  function copy(value) { return JSON.parse(JSON.stringify(value)); }
  function asText(v) {
    if (typeof v === "string") { return v; }
    return typeof v === "number" || typeof v === "boolean" ? String(v) : "";
  }
  function asList(v) { return Array.isArray(v) ? v : []; }
  function asObject(v) { return isObject(v) ? v : {}; }

  function same(a, b) {
    if (Array.isArray(a)) {
      return Array.isArray(b) && a.length === b.length && a.every(function (x, i) { return same(x, b[i]); });
    }
    if (isObject(a)) {
      if (!isObject(b)) { return false; }
      var keys = Object.keys(a);
      return keys.length === Object.keys(b).length &&
        keys.every(function (k) { return Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k]); });
    }
    return a === b;
  }

  function differences(a, b, path, found) {
    if (found.length >= 5 || same(a, b)) { return found; }
    if (isObject(a) && isObject(b)) {
      Object.keys(Object.assign({}, a, b)).forEach(function (k) { differences(a[k], b[k], path.concat(k), found); });
    } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      a.forEach(function (x, i) { differences(x, b[i], path.concat(i), found); });
    } else {
      found.push(path);
    }
    return found;
  }

  function getAt(path) {
    return path.reduce(function (v, p) { return v === undefined || v === null ? undefined : v[p]; }, model);
  }

  function setAt(path, value) { getAt(path.slice(0, -1))[path[path.length - 1]] = value; }

  // The schema's rules the form uses.
  function schemaLimits(schema) {
    var defs = schema.$defs, props = schema.properties, section = defs.section.properties;
    var itemObject = defs.item.anyOf.filter(function (b) { return b.type === "object"; })[0].properties;
    return {
      title: defs.page_title.maxLength, line: defs.line.maxLength, text: defs.text.maxLength, tag: defs.tag.maxLength,
      marker: itemObject.marker.maxLength, slug: props.slug.maxLength, slugPattern: new RegExp(props.slug.pattern),
      yearMin: defs.year.minimum, yearMax: defs.year.maximum, monthMin: defs.month.minimum, monthMax: defs.month.maximum,
      sections: props.sections.maxItems, list: defs.list.maxItems, timetable: section.timetable.maxItems,
      tags: props.tags.maxItems, levels: section.level.enum, kinds: section.kind.enum, kindLabels: section.kind["x-labels"],
      roles: defs.party.properties.role.enum, roleLabels: defs.party.properties.role["x-labels"],
      depth: site.max_depth || 12
    };
  }

  // Chinese names of places in the plan, for the list of problems: 第 2 节 › 条目第 3 项 › 正文.
  var NAMES = {
    plan: {title: "标题", slug: "网址名", original_title: "原标题", former_slugs: ["旧网址名第 ", " 项", null],
      parties: ["参与幼儿园第 ", " 项", "party"], author: "撰写单位", period: [null, null, "period"],
      sections: ["第 ", " 节", "section"], tags: ["标签第 ", " 项", null]},
    party: {kindergarten: "幼儿园", role: "角色"},
    period: {text: "时间（原文写法）", start_year: "开始年份", start_month: "开始月份", end_year: "结束年份", end_month: "结束月份"},
    section: {heading: "标题", level: "标题级别", kind: "类别", content: "内容", paragraphs: ["第 ", " 段", null],
      list: ["条目第 ", " 项", "item"], group: ["小组成员第 ", " 位", "member"], timetable: ["活动安排第 ", " 行", "row"],
      signature: ["落款", null, "signature"]},
    item: {marker: "编号", heading: "小标题", text: "正文", items: ["下级条目第 ", " 项", "item"]},
    member: {role: "职务", name: "姓名", duty: "分工"},
    row: {when: "时间", year: "年份", months: "月份", text: "正文", items: ["条目第 ", " 项", "item"]},
    signature: {org: "单位", date: "日期"}
  };
  var LIST_NAMES = {former_slugs: "旧网址名", parties: "参与幼儿园", sections: "章节", tags: "标签", paragraphs: "段落",
    list: "条目", group: "小组成员", timetable: "活动安排", items: "条目"};

  function placeName(path) {
    var parts = [], context = "plan", i = 0;
    while (i < path.length) {
      var name = NAMES[context] && NAMES[context][path[i]];
      if (name === undefined) { parts.push("“" + path.slice(i).join(".") + "”（表单里没有这一项）"); break; }
      if (typeof name === "string") { parts.push(name); i += 1; continue; }
      if (name[1] === null || name[0] === null) {        // a group of fields: 落款, 时间
        if (name[0]) { parts.push(name[0]); }
        context = name[2];
        i += 1;
        continue;
      }
      if (typeof path[i + 1] !== "number") {
        parts.push(path[i] === "items" && context === "item" ? "下级条目" : LIST_NAMES[path[i]] || path[i]);
        i += 1;
        continue;
      }
      parts.push(name[0] + (path[i + 1] + 1) + name[1]);
      context = name[2];
      i += 2;
    }
    return parts.join(" › ");
  }

  // Checks of one box, each giving a message or "".
  function contentProblem(text) {
    if (TEMPLATE_MARK.test(text)) { return "不能出现 {{、{% 或 {# 这样的写法（网站会把它当作代码），请改用全角括号｛｝"; }
    var hidden = INVISIBLE.exec(text);
    NUMERIC_REFERENCE.lastIndex = 0;
    var reference;
    while (!hidden && (reference = NUMERIC_REFERENCE.exec(text))) {
      var code = reference[1] ? parseInt(reference[1], 10) : parseInt(reference[2], 16);
      if (code <= 0x10ffff) { hidden = INVISIBLE.exec(String.fromCodePoint(code)); }
    }
    if (hidden) {
      var hex = hidden[0].charCodeAt(0).toString(16).toUpperCase();
      return "文字中有看不见的控制字符（编号 U+" + "0000".slice(hex.length) + hex + "），多半是复制时带来的，请删除";
    }
    if (TAG_START.test(text.replace(AUTOLINK, " "))) {
      return "“<”后面不能紧跟字母或 /、!、? 符号（网页会把它当作代码）；书名请用《》";
    }
    return "";
  }

  function lineProblem(text, max) {
    if (/[\r\n]/.test(text)) { return "只能写一行，不能换行"; }
    if (/^\s|\s$/u.test(text)) { return "开头和结尾不能有空格"; }
    if (length(text) > max) { return "最长 " + max + " 个字，现在有 " + length(text) + " 个字"; }
    return contentProblem(text);
  }

  function textProblem(text) {
    if (length(text) > limits.text) { return "最长 " + limits.text + " 个字，现在有 " + length(text) + " 个字"; }
    return contentProblem(text);
  }

  function noMarkup(text) { return /[<>&]/.test(text) ? "不能含 <、> 或 & 符号（网页会把它们当作代码）；书名请用《》" : ""; }

  function slugProblem(text) {
    if (length(text) > limits.slug || !limits.slugPattern.test(text)) {
      return "网址名只能用小写英文字母、数字和连字符“-”（连字符不能在开头、结尾，也不能两个连着），最长 " +
        limits.slug + " 个字符，如 dongyuan-jiedui";
    }
    return "";
  }

  function halfWidth(text) {
    return text.replace(/[\uff10-\uff19]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); });
  }

  // A year box: a four-digit year (a 年 after it is fine), or a message; {} when empty.
  function parseYear(raw, timeBox) {
    var text = halfWidth(raw.trim());
    if (text === "") { return {}; }
    var match = /^(\d+)\s*年?$/.exec(text);
    if (!match) { return {error: "年份只能写四位数字，如 2024；原文写的“" + raw.trim() + "”请写在“" + timeBox + "”里"}; }
    var year = Number(match[1]);
    if (match[1].length !== 4 || year < limits.yearMin || year > limits.yearMax) {
      return {error: "年份要写四位数字的公历年份（" + limits.yearMin + " 到 " + limits.yearMax + "），如 2024"};
    }
    return {value: year};
  }

  function parseMonth(token, timeBox) {
    var match = /^(\d{1,2})\s*月?$/.exec(halfWidth(token));
    if (!match) { return {error: "月份只能是 1 到 12 的数字；原文写的“" + token + "”请写在“" + timeBox + "”里"}; }
    var month = Number(match[1]);
    if (month < limits.monthMin || month > limits.monthMax) {
      return {error: "月份只能是 1 到 12 的数字，“" + token + "”不是月份"};
    }
    return {value: month};
  }

  // A months box: months in the order written, separated by 、 or commas or spaces; 9-12 for the months between.
  function parseMonths(raw, timeBox) {
    var tokens = raw.trim().split(/[\s,，、;；\/]+/).filter(Boolean);
    var months = [];
    for (var i = 0; i < tokens.length; i += 1) {
      var range = /^(.+?)\s*(?:-|–|—|~|～|至|到)\s*(.+)$/.exec(tokens[i]);
      var ends = range ? [parseMonth(range[1], timeBox), parseMonth(range[2], timeBox)] : [parseMonth(tokens[i], timeBox)];
      var wrong = ends.filter(function (e) { return e.error; })[0];
      if (wrong) { return {error: range && !/^\d/.test(halfWidth(range[1])) ? parseMonth(tokens[i], timeBox).error : wrong.error}; }
      var month = ends[0].value;
      var last = ends[ends.length - 1].value;
      for (var step = 0; step < 12; step += 1) {
        if (months.indexOf(month) >= 0) { return {error: "月份“" + month + "”写了两次"}; }
        months.push(month);
        if (month === last) { break; }
        month = month % 12 + 1;
      }
    }
    return months.length ? {value: months} : {};
  }

  // The boxes → the plan, with every problem found on the way (paths into the plan, messages in Chinese).
  function planData(m) {
    var errors = [];
    function fail(path, message) { errors.push({path: path, message: message}); }

    // A box's text goes into the plan as written; an empty optional box is left out.
    function put(out, name, value, path, options) {
      options = options || {};
      if (value === "") {
        if (options.required) { fail(path, options.missing || "不能为空"); out[name] = ""; }
        return;
      }
      var problem = value.trim() === "" ? "只写了空格或空行：请写上内容，或把它们删去"
        : options.multiline ? textProblem(value) : lineProblem(value, options.max || limits.line);
      problem = problem || (options.check ? options.check(value) : "");
      if (problem) { fail(path, problem); }
      out[name] = value;
    }

    function number(out, name, raw, path, parse, timeBox) {
      var result = parse(raw, timeBox);
      if (result.error) { fail(path, result.error); } else if (result.value !== undefined) { out[name] = result.value; }
    }

    function texts(values, path, options) {
      return values.map(function (value, i) {
        var holder = {};
        put(holder, "v", value, path.concat(i), Object.assign({required: true, missing: "不能为空（不需要就删除这一项）"}, options));
        return holder.v;
      });
    }

    function duplicates(values, path, message) {
      values.forEach(function (v, i) {
        if (v !== "" && values.indexOf(v) < i) { fail(path.concat(i), message); }
      });
    }

    function items(list, path, depth) {
      if (list.length > limits.list) { fail(path, "最多 " + limits.list + " 项，现在有 " + list.length + " 项"); }
      return list.map(function (item, i) { return itemData(item, path.concat(i), depth); });
    }

    function itemData(item, path, depth) {
      var out = {};
      put(out, "marker", item.marker, path.concat("marker"), {max: limits.marker});
      put(out, "heading", item.heading, path.concat("heading"));
      put(out, "text", item.text, path.concat("text"), {multiline: true});
      if (item.items.length) { out.items = items(item.items, path.concat("items"), depth + 2); }
      var keys = Object.keys(out);
      if (!keys.length) { fail(path.concat("text"), "不能为空"); return ""; }
      if (keys.length === 1 && keys[0] === "text" && !item.keepObject) { return out.text; }
      if (depth + 1 > limits.depth) { fail(path, "这一层太深了，只能写正文，不能再写编号、小标题或下级条目"); }
      return out;
    }

    function sectionData(s, path) {
      var out = {};
      put(out, "heading", s.heading, path.concat("heading"));
      if (s.level !== "") {
        out.level = Number(s.level);
        if (limits.levels.indexOf(out.level) < 0) { fail(path.concat("level"), "标题级别只能选一级、二级或三级标题"); }
      }
      if (s.kind !== "") {
        out.kind = s.kind;
        if (limits.kinds.indexOf(s.kind) < 0) { fail(path.concat("kind"), "请从列表中选择类别"); }
      }
      var content = path.concat(s.content);
      if (s.content === "") {
        fail(path.concat("content"), "请选择这一节的内容：段落、条目、小组成员、活动安排或落款（没有内容就选“只有标题”）");
      } else if (s.content === "none") {
        if (s.heading === "") { fail(path.concat("heading"), "这一节只有标题，标题不能为空"); }
      } else if (s.content === "paragraphs") {
        if (!s.paragraphs.length) { fail(content, "至少要写一段"); } else {
          out.paragraphs = texts(s.paragraphs, content, {multiline: true, missing: "不能为空（不需要就删除这一段）"});
        }
      } else if (s.content === "list") {
        if (!s.list.length) { fail(content, "至少要写一项"); } else { out.list = items(s.list, content, SECTION_LIST_DEPTH); }
      } else if (s.content === "group") {
        if (!s.group.length) { fail(content, "至少要写一位成员"); } else {
          out.group = s.group.map(function (member, i) {
            var p = content.concat(i), one = {};
            put(one, "role", member.role, p.concat("role"));
            put(one, "name", member.name, p.concat("name"), {required: true, missing: "请写姓名（原文的 xxx 照原样写）"});
            put(one, "duty", member.duty, p.concat("duty"), {multiline: true});
            return one;
          });
        }
      } else if (s.content === "timetable") {
        if (!s.timetable.length) { fail(content, "至少要写一行"); } else {
          if (s.timetable.length > limits.timetable) {
            fail(content, "最多 " + limits.timetable + " 行，现在有 " + s.timetable.length + " 行");
          }
          out.timetable = s.timetable.map(function (row, i) { return rowData(row, content.concat(i)); });
        }
      } else if (s.content === "signature") {
        var signature = {};
        put(signature, "org", s.signature.org, content.concat("org"));
        put(signature, "date", s.signature.date, content.concat("date"));
        if (Object.keys(signature).length) { out.signature = signature; } else { fail(content, "落款至少要写单位或日期"); }
      }
      if (!Object.keys(out).length) { out.heading = ""; }
      return out;
    }

    function rowData(row, path) {
      var out = {};
      put(out, "when", row.when, path.concat("when"), {required: true, missing: "请照原文写这一行的时间或阶段"});
      number(out, "year", row.year, path.concat("year"), parseYear, "时间");
      number(out, "months", row.months, path.concat("months"), parseMonths, "时间");
      put(out, "text", row.text, path.concat("text"), {multiline: true});
      if (row.items.length) { out.items = items(row.items, path.concat("items"), ROW_ITEMS_DEPTH); }
      if (row.when !== "" && Object.keys(out).length < 2) { fail(path, "这一行只写了时间，还要写正文或条目"); }
      return out;
    }

    var data = {};
    put(data, "title", m.title, ["title"], {required: true, max: limits.title, check: noMarkup});
    put(data, "slug", m.slug, ["slug"], {required: true, check: function (slug) {
      if (slugProblem(slug)) { return slugProblem(slug); }
      var taken = site.plans.some(function (p) { return p.slug === slug && p.slug !== loadedSlug; });
      return taken ? "网址名与网站上已有的计划重复，请换一个" : "";
    }});
    if (m.former_slugs.length) {
      data.former_slugs = texts(m.former_slugs, ["former_slugs"], {check: function (slug) {
        if (slugProblem(slug)) { return slugProblem(slug).replace("网址名", "旧网址名"); }
        if (slug === m.slug) { return "旧网址名不能和现在的网址名相同"; }
        var other = site.plans.some(function (p) { return p.slug === slug && p.slug !== loadedSlug; });
        return other ? "这个网址名正被网站上的另一份计划使用，不能作为旧网址名" : "";
      }});
      duplicates(m.former_slugs, ["former_slugs"], "这个旧网址名写了两次");
    }
    put(data, "original_title", m.original_title, ["original_title"]);
    if (!m.parties.length) { fail(["parties"], "至少要有一所参与幼儿园"); } else {
      data.parties = m.parties.map(function (party, i) {
        var p = ["parties", i], out = {};
        put(out, "kindergarten", party.kindergarten, p.concat("kindergarten"), {required: true, missing: "请选择幼儿园",
          check: function (id) {
            var known = site.kindergartens.some(function (k) { return k.id === id; });
            return known ? "" : "网站的幼儿园名单里没有“" + id + "”：请在提交时说明，由审核人员先登记";
          }});
        put(out, "role", party.role, p.concat("role"), {required: true, missing: "请选择角色", check: function (role) {
          return limits.roles.indexOf(role) < 0 ? "请从列表中选择角色" : "";
        }});
        return out;
      });
    }
    put(data, "author", m.author, ["author"], {check: function (id) {
      var among = m.parties.some(function (p) { return p.kindergarten === id; });
      return among ? "" : "撰写单位必须是上面的参与幼儿园之一";
    }});
    var period = m.period;
    if (["text", "start_year", "start_month", "end_year", "end_month"].some(function (k) { return period[k] !== ""; })) {
      var time = {}, at = ["period"];
      put(time, "text", period.text, at.concat("text"), {required: true, missing: "写了起止年月，也要照原文写时间"});
      number(time, "start_year", period.start_year, at.concat("start_year"), parseYear, "时间（原文写法）");
      number(time, "start_month", period.start_month, at.concat("start_month"), parseMonthBox, "时间（原文写法）");
      number(time, "end_year", period.end_year, at.concat("end_year"), parseYear, "时间（原文写法）");
      number(time, "end_month", period.end_month, at.concat("end_month"), parseMonthBox, "时间（原文写法）");
      data.period = time;
    }
    if (!m.sections.length) { fail(["sections"], "至少要有一节"); } else {
      if (m.sections.length > limits.sections) { fail(["sections"], "最多 " + limits.sections + " 节，现在有 " + m.sections.length + " 节"); }
      data.sections = m.sections.map(function (s, i) { return sectionData(s, ["sections", i]); });
    }
    if (m.tags.length) {
      data.tags = texts(m.tags, ["tags"], {max: limits.tag, check: noMarkup});
      duplicates(m.tags, ["tags"], "这个标签写了两次");
      if (m.tags.length > limits.tags) { fail(["tags"], "最多 " + limits.tags + " 个标签，现在有 " + m.tags.length + " 个"); }
    }
    return {data: data, errors: errors};
  }

  function parseMonthBox(raw, timeBox) {
    var text = raw.trim();
    return text === "" ? {} : parseMonth(text, timeBox);
  }

  // The plan → the boxes (loading a plan). Whatever the boxes cannot hold is found by comparing the plan the
  // boxes give back with the one loaded.
  function newItem() { return {marker: "", heading: "", text: "", items: [], keepObject: false}; }
  function newMember() { return {role: "", name: "", duty: ""}; }
  function newRow() { return {when: "", year: "", months: "", text: "", items: []}; }
  function newSection() {
    return {heading: "", level: "", kind: "", content: "", paragraphs: [""], list: [newItem()], group: [newMember()],
      timetable: [newRow()], signature: {org: "", date: ""}};
  }
  function newModel() {
    return {title: "", slug: "", former_slugs: [], original_title: "",
      parties: [{kindergarten: "", role: ""}, {kindergarten: "", role: ""}], author: "",
      period: {text: "", start_year: "", start_month: "", end_year: "", end_month: ""}, sections: [newSection()], tags: []};
  }

  function itemModel(value) {
    if (!isObject(value)) { return Object.assign(newItem(), {text: asText(value)}); }
    return {marker: asText(value.marker), heading: asText(value.heading), text: asText(value.text),
      items: asList(value.items).map(itemModel), keepObject: true};
  }

  function numberText(value) { return Array.isArray(value) ? value.map(asText).join("、") : asText(value); }

  function modelOf(data) {
    data = asObject(data);
    var period = asObject(data.period);
    return {
      title: asText(data.title), slug: asText(data.slug), former_slugs: asList(data.former_slugs).map(asText),
      original_title: asText(data.original_title),
      parties: asList(data.parties).map(function (p) {
        return {kindergarten: asText(asObject(p).kindergarten), role: asText(asObject(p).role)};
      }),
      author: asText(data.author),
      period: {text: asText(period.text), start_year: asText(period.start_year), start_month: asText(period.start_month),
        end_year: asText(period.end_year), end_month: asText(period.end_month)},
      sections: asList(data.sections).map(function (value) {
        var s = asObject(value), section = newSection();
        section.heading = asText(s.heading);
        section.level = s.level === undefined ? "" : asText(s.level);
        section.kind = asText(s.kind);
        section.content = CONTENT_KEYS.filter(function (k) { return k in s; })[0] || "none";
        if ("paragraphs" in s) { section.paragraphs = asList(s.paragraphs).map(asText); }
        if ("list" in s) { section.list = asList(s.list).map(itemModel); }
        if ("group" in s) {
          section.group = asList(s.group).map(function (v) {
            v = asObject(v);
            return {role: asText(v.role), name: asText(v.name), duty: asText(v.duty)};
          });
        }
        if ("timetable" in s) {
          section.timetable = asList(s.timetable).map(function (v) {
            v = asObject(v);
            return {when: asText(v.when), year: asText(v.year), months: numberText(v.months), text: asText(v.text),
              items: asList(v.items).map(itemModel)};
          });
        }
        if ("signature" in s) {
          var signature = asObject(s.signature);
          section.signature = {org: asText(signature.org), date: asText(signature.date)};
        }
        return section;
      }),
      tags: asList(data.tags).map(asText)
    };
  }

  // The plan file: front matter only, read back before it is shown.
  function planFile(data) {
    var yaml;
    try { yaml = jsyaml.dump(data, DUMP_OPTIONS); } catch (e) { return {text: "", problem: "写不出计划文件"}; }
    if (hasOneLineList(yaml)) { return {text: "", problem: "文件中出现了写在一行里的列表"}; }
    var back;
    try { back = jsyaml.load(yaml, {schema: CHECK_SCHEMA}); } catch (e) { back = undefined; }
    if (!same(back, data)) { return {text: "", problem: "文件读回来的内容和表格里填写的不一样"}; }
    return {text: "---\n" + yaml + "---\n", problem: ""};
  }

  // Whether a line of the file holds a one-line list ([…] or {…}); the text of | blocks is not looked at.
  function hasOneLineList(yaml) {
    var block = -1;
    return yaml.split("\n").some(function (line) {
      var indent = line.search(/\S/);
      if (block >= 0) {
        if (indent < 0 || indent > block) { return false; }
        block = -1;
      }
      var opener = /^( *)((?:- )*)(?:([A-Za-z_][A-Za-z0-9_]*): )?[|>][-+0-9]*$/.exec(line);
      if (opener) {
        block = opener[1].length + opener[2].length - (opener[3] ? 0 : 2);
        return false;
      }
      return /^ *(?:- )*(?:[A-Za-z_][A-Za-z0-9_]*: *)?[\[{]/.test(line);
    });
  }

  // The form
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else if (attrs[k] !== null && attrs[k] !== undefined) {
        node.setAttribute(k, attrs[k]);
      }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  function button(label, action, attrs) {
    var b = el("button", Object.assign({type: "button", text: label, "class": "md-button"}, attrs || {}));
    b.addEventListener("click", action);
    return b;
  }

  function errorSlot(path) { return el("span", {"class": "plan-editor-error", "data-error": keyOf(path)}); }

  function labelText(label, required) {
    return el("span", {"class": "plan-editor-label"}, [document.createTextNode(label),
      required ? el("span", {"class": "plan-editor-required", text: "必填"}) : null]);
  }

  function field(path, options, control) {
    control.setAttribute("data-path", keyOf(path));
    return el("label", {"class": "plan-editor-field" + (options.narrow ? " plan-editor-narrow" : "")}, [
      labelText(options.label, options.required),
      options.help ? el("span", {"class": "plan-editor-help", text: options.help}) : null,
      control, errorSlot(path)]);
  }

  // A box for text: one line (input) or several (textarea).
  function box(path, options) {
    var control = options.multiline ? el("textarea", {rows: "2"}) : el("input", {type: "text"});
    if (options.placeholder) { control.setAttribute("placeholder", options.placeholder); }
    if (options.inputmode) { control.setAttribute("inputmode", options.inputmode); }
    control.setAttribute("autocomplete", "off");
    control.value = getAt(path);
    control.addEventListener("input", function () {
      setAt(path, control.value);
      if (options.multiline) { grow(control); }
      refresh();
    });
    if (options.multiline) { setTimeout(function () { grow(control); }, 0); }
    return field(path, options, control);
  }

  function choice(path, options, choices) {
    var control = el("select");
    var value = getAt(path);
    control.appendChild(el("option", {value: "", text: options.empty}));
    choices.forEach(function (c) { control.appendChild(el("option", {value: c[0], text: c[1]})); });
    if (value !== "" && !choices.some(function (c) { return c[0] === value; })) {
      control.appendChild(el("option", {value: value, text: value}));    // as loaded, shown with its problem
    }
    control.value = value;
    control.addEventListener("change", function () {
      setAt(path, control.value);
      if (options.rerender) { render(path); } else { refresh(); }
    });
    return field(path, options, control);
  }

  function grow(area) {
    if (!area.isConnected) { return; }
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 2 + "px";
  }

  function group(title, help, children, attrs) {
    return el("fieldset", Object.assign({"class": "plan-editor-group"}, attrs || {}), [el("legend", {text: title}),
      help ? el("p", {"class": "plan-editor-help", text: help}) : null].concat(children));
  }

  function remember(message) {
    undoSnapshot = {model: copy(model), message: message};
  }

  /* A list of entries, each with buttons to move it and remove it, and a button to add one at the end.
   * options: title, help, entryName(i), entry(path, value, i), make(), add and remove (labels), scalar (the entry is
   * one box with its own error line), insert (label of a button that adds an entry after this one). */
  function entries(path, options) {
    var list = getAt(path);
    var box = el("fieldset", {"class": "plan-editor-group plan-editor-list " + (options.className || ""), "data-entry": keyOf(path)},
      [el("legend", {text: options.title}), options.help ? el("p", {"class": "plan-editor-help", text: options.help}) : null,
        errorSlot(path)]);
    list.forEach(function (value, i) {
      var at = path.concat(i);
      var name = options.entryName(i, value);
      var tools = el("div", {"class": "plan-editor-tools"}, [
        options.scalar ? null : el("span", {"class": "plan-editor-entry-title", text: name}),
        i > 0 ? button("上移", function () { move(list, i, i - 1); render(path.concat(i - 1)); }, {"data-up": keyOf(at)}) : null,
        i < list.length - 1 ? button("下移", function () { move(list, i, i + 1); render(path.concat(i + 1)); }, {"data-down": keyOf(at)}) : null,
        options.insert ? button(options.insert, function () {
          list.splice(i + 1, 0, options.make());
          render(path.concat(i + 1));
        }, {"data-insert": keyOf(at)}) : null,
        button(options.remove || "删除", function () {
          remember("已删除" + (options.scalar ? placeName(at) : name) + "。");
          list.splice(i, 1);
          render();
          showUndo();
        }, {"data-remove": keyOf(at), "class": "md-button plan-editor-remove",
          "aria-label": options.scalar ? "删除" + placeName(at) : null})
      ]);
      box.appendChild(el("div", {"class": "plan-editor-entry", "data-entry": keyOf(at)},
        [options.scalar ? null : tools, options.entry(at, value, i), options.scalar ? tools : null,
          options.scalar ? null : errorSlot(at)]));
    });
    box.appendChild(button(options.add, function () {
      list.push(options.make());
      render(path.concat(list.length - 1));
    }, {"data-add": keyOf(path), "class": "md-button plan-editor-add"}));
    return box;
  }

  function move(list, from, to) { list.splice(to, 0, list.splice(from, 1)[0]); }

  function planInfo() {
    return group("计划", null, [
      box(["title"], {label: "标题", required: true, help: HELP.title, placeholder: "如：东苑幼儿园结对帮扶计划"}),
      box(["slug"], {label: "网址名", required: true, help: HELP.slug, placeholder: "如：dongyuan-jiedui", inputmode: "url"}),
      box(["original_title"], {label: "原标题", help: HELP.original_title, placeholder: "如：篇1：幼儿园帮扶计划"}),
      entries(["former_slugs"], {title: "旧网址名", help: HELP.former_slugs, scalar: true, add: "添加旧网址名",
        entryName: function (i) { return "旧网址名第 " + (i + 1) + " 项"; }, make: function () { return ""; },
        entry: function (at, value, i) {
          return box(at, {label: "旧网址名第 " + (i + 1) + " 项", placeholder: "如：dongyuan-jiedui-2023", inputmode: "url"});
        }})
    ], {"data-entry": "plan"});
  }

  function kindergartenChoices() {
    var names = {};
    site.kindergartens.forEach(function (k) { names[k.name] = (names[k.name] || 0) + 1; });
    return site.kindergartens.map(function (k) { return [k.id, names[k.name] > 1 ? k.name + "（" + k.id + "）" : k.name]; });
  }

  function partiesBlock() {
    var roles = limits.roles.map(function (r) { return [r, limits.roleLabels[r] || r]; });
    return entries(["parties"], {title: "参与幼儿园", help: HELP.parties, add: "添加一所幼儿园", remove: "删除这所幼儿园", className: "plan-editor-compact",
      entryName: function (i) { return "第 " + (i + 1) + " 所"; }, make: function () { return {kindergarten: "", role: ""}; },
      entry: function (at) {
        return el("div", {"class": "plan-editor-row"}, [
          choice(at.concat("kindergarten"), {label: "幼儿园", required: true, empty: "（请选择幼儿园）", rerender: true},
            kindergartenChoices()),
          choice(at.concat("role"), {label: "角色", required: true, empty: "（请选择角色）", narrow: true}, roles)]);
      }});
  }

  function authorBlock() {
    var names = {};
    kindergartenChoices().forEach(function (c) { names[c[0]] = c[1]; });
    var chosen = [];
    model.parties.forEach(function (p) {
      if (p.kindergarten && chosen.indexOf(p.kindergarten) < 0) { chosen.push(p.kindergarten); }
    });
    var choices = chosen.map(function (id) { return [id, names[id] || id]; });
    if (model.author && chosen.indexOf(model.author) < 0) {      // its party was removed: shown with its problem
      choices.push([model.author, (names[model.author] || model.author) + "（不是参与幼儿园）"]);
    }
    return choice(["author"], {label: "撰写单位", help: HELP.author, empty: "原文没有写明"}, choices);
  }

  function periodBlock() {
    var years = {placeholder: "如：2023", inputmode: "numeric", narrow: true};
    var months = {placeholder: "如：4", inputmode: "numeric", narrow: true};
    return group("时间", HELP.period, [
      box(["period", "text"], {label: "时间（原文写法）", placeholder: "如：2023年4月至2025年4月"}),
      el("div", {"class": "plan-editor-row"}, [
        box(["period", "start_year"], Object.assign({label: "开始年份"}, years)),
        box(["period", "start_month"], Object.assign({label: "开始月份"}, months)),
        box(["period", "end_year"], Object.assign({label: "结束年份"}, years)),
        box(["period", "end_month"], Object.assign({label: "结束月份"}, months))])
    ], {"data-entry": "period"});
  }

  function sectionsBlock() {
    return entries(["sections"], {title: "章节（计划正文）", help: HELP.sections, add: "添加一节", insert: "在后面插入一节", remove: "删除这一节",
      className: "plan-editor-sections",
      entryName: function (i, s) { return "第 " + (i + 1) + " 节" + (s.heading ? "：" + s.heading : ""); },
      make: newSection, entry: sectionEditor});
  }

  function sectionEditor(path, section) {
    var levels = limits.levels.map(function (l) { return [String(l), LEVEL_NAMES[l] || String(l)]; });
    var kinds = limits.kinds.map(function (k) { return [k, limits.kindLabels[k] || k]; });
    return el("div", {"class": "plan-editor-section"}, [
      box(path.concat("heading"), {label: "标题", help: once("heading"), placeholder: "如：四、预期效果"}),
      el("div", {"class": "plan-editor-row"}, [
        choice(path.concat("level"), {label: "标题级别", empty: "（不选：一级标题）", narrow: true}, levels),
        choice(path.concat("kind"), {label: "类别", empty: "（不选）", narrow: true}, kinds)]),
      once("level") ? el("p", {"class": "plan-editor-help", text: HELP.level + HELP.kind}) : null,
      contentChooser(path, section),
      contentEditor(path, section)]);
  }

  function contentChooser(path, section) {
    var name = "content-" + keyOf(path);
    var options = CONTENTS.map(function (c) {
      var radio = el("input", {type: "radio", name: name, value: c[0], "data-content": keyOf(path)});
      radio.checked = section.content === c[0];
      radio.addEventListener("change", function () {
        if (!radio.checked) { return; }
        section.content = c[0];
        render();
        var again = root.querySelector('[data-content="' + keyOf(path) + '"][value="' + c[0] + '"]');
        if (again) { again.focus({preventScroll: true}); }
      });
      return el("label", {"class": "plan-editor-radio"}, [radio, document.createTextNode(c[1])]);
    });
    return el("fieldset", {"class": "plan-editor-choice", "data-entry": keyOf(path.concat("content"))},
      [el("legend", {}, [labelText("这一节的内容", true)]), once("content") ? el("p", {"class": "plan-editor-help", text: HELP.content}) : null,
        el("div", {"class": "plan-editor-radios"}, options), errorSlot(path.concat("content"))]);
  }

  function contentEditor(path, section) {
    var at = path.concat(section.content);
    if (section.content === "paragraphs") {
      return entries(at, {title: "段落", help: once("paragraphs"), scalar: true, add: "添加一段", make: function () { return ""; },
        entryName: function (i) { return "第 " + (i + 1) + " 段"; },
        entry: function (p, value, i) { return box(p, {label: "第 " + (i + 1) + " 段", multiline: true, placeholder: "照原文写这一段"}); }});
    }
    if (section.content === "list") { return itemsBlock(at, SECTION_LIST_DEPTH, "条目", once("list"), "添加一项条目"); }
    if (section.content === "group") {
      return entries(at, {title: "小组成员", help: once("group"), add: "添加一位成员", remove: "删除这位成员", make: newMember,
        entryName: function (i) { return "第 " + (i + 1) + " 位"; },
        entry: function (p) {
          return el("div", {}, [el("div", {"class": "plan-editor-row"}, [
            box(p.concat("role"), {label: "职务", placeholder: "如：组长", narrow: true}),
            box(p.concat("name"), {label: "姓名", required: true, placeholder: "如：xxx", narrow: true})]),
          box(p.concat("duty"), {label: "分工", multiline: true, placeholder: "如：负责全面工作"})]);
        }});
    }
    if (section.content === "timetable") {
      return entries(at, {title: "活动安排", help: once("timetable"), add: "添加一行", remove: "删除这一行", make: newRow,
        entryName: function (i) { return "第 " + (i + 1) + " 行"; }, entry: rowEditor});
    }
    if (section.content === "signature") {
      return group("落款", once("signature"), [el("div", {"class": "plan-editor-row"}, [
        box(at.concat("org"), {label: "单位", placeholder: "如：某某幼儿园"}),
        box(at.concat("date"), {label: "日期", placeholder: "如：2023年9月"})]), errorSlot(at)], {"data-entry": keyOf(at)});
    }
    if (section.content === "none") {
      return el("p", {"class": "plan-editor-help", text: "这一节只有标题。原文标题下面的内容，请按顺序另起一节填写。"});
    }
    return null;
  }

  function rowEditor(path, row) {
    var parts = [
      el("div", {"class": "plan-editor-row"}, [
        box(path.concat("when"), {label: "时间", required: true, placeholder: "如：二、三月份"}),
        box(path.concat("year"), {label: "年份", placeholder: "如：2024", inputmode: "numeric", narrow: true}),
        box(path.concat("months"), {label: "月份", placeholder: "如：10、11", narrow: true})]),
      once("row") ? el("p", {"class": "plan-editor-help", text: HELP.row}) : null,
      box(path.concat("text"), {label: "正文", multiline: true, placeholder: "这一行的文字；原文这一行是几个条目的，写在下面的条目里"})];
    if (row.items.length) {
      parts.push(itemsBlock(path.concat("items"), ROW_ITEMS_DEPTH, "条目", null, "添加一项条目"));
    } else {
      parts.push(button("添加条目", function () { row.items.push(newItem()); render(path.concat("items", 0)); },
        {"data-add": keyOf(path.concat("items")), "class": "md-button plan-editor-add"}));
    }
    return el("div", {}, parts);
  }

  // A list of items at a depth of the file (that of the list); sub-items are offered while they fit.
  function itemsBlock(path, depth, title, help, add) {
    var nested = path[path.length - 1] === "items" && typeof path[path.length - 2] === "number" &&
      path[path.length - 3] !== "timetable";
    return entries(path, {title: title, help: help, add: add, make: newItem, remove: "删除这一项", className: "plan-editor-items",
      entryName: function (i) { return (nested ? "下级条目第 " : "第 ") + (i + 1) + " 项"; },
      entry: function (at, item) { return itemEditor(at, item, depth); }});
  }

  function itemEditor(path, item, depth) {
    var full = depth + 1 <= limits.depth;
    var parts = [];
    if (full || item.marker || item.heading) {
      parts.push(el("div", {"class": "plan-editor-row"}, [
        box(path.concat("marker"), {label: "编号", placeholder: "如：1、", narrow: true}),
        box(path.concat("heading"), {label: "小标题", placeholder: "如：教育教学指导："})]));
    }
    parts.push(box(path.concat("text"), {label: "正文", multiline: true, placeholder: "照原文写这一项"}));
    if (item.items.length) {
      parts.push(itemsBlock(path.concat("items"), depth + 2, "下级条目", null, "添加一项下级条目"));
    } else if (depth + 2 <= limits.depth) {
      parts.push(button("添加下级条目", function () { item.items.push(newItem()); render(path.concat("items", 0)); },
        {"data-add": keyOf(path.concat("items")), "class": "md-button plan-editor-add"}));
    }
    return el("div", {}, parts);
  }

  function tagsBlock() {
    return entries(["tags"], {title: "标签", help: HELP.tags, scalar: true, add: "添加标签", make: function () { return ""; },
      className: "plan-editor-compact", entryName: function (i) { return "标签第 " + (i + 1) + " 项"; },
      entry: function (at, value, i) { return box(at, {label: "标签第 " + (i + 1) + " 项", placeholder: "如：送教下乡", narrow: true}); }});
  }

  // A help text once per form: a plan has dozens of sections, each with the same boxes.
  var helpShown = {};
  function once(name) {
    if (helpShown[name]) { return null; }
    helpShown[name] = true;
    return HELP[name];
  }

  // Page parts: the form, the result beside it, loading.
  function render(focusPath) {
    var form = root.querySelector(".plan-editor-form");
    helpShown = {};
    var scroll = window.scrollY;
    form.textContent = "";
    form.appendChild(el("p", {"class": "plan-editor-help",
      text: "带“必填”的必须填写；其余的照原文，原文有就填，没有就空着。每个框都会随时检查，有问题的地方会用红字说明。"}));
    form.appendChild(el("div", {"class": "plan-editor-undo", role: "status"}));
    [planInfo(), partiesBlock(), authorBlock(), periodBlock(), sectionsBlock(), tagsBlock()].forEach(function (part) {
      form.appendChild(part);
    });
    refresh();
    if (focusPath) { focusOn(focusPath, false); } else { window.scrollTo(window.scrollX, scroll); }
  }

  function showUndo() {
    var bar = root.querySelector(".plan-editor-undo");
    bar.textContent = "";
    if (!undoSnapshot) { return; }
    bar.appendChild(document.createTextNode(undoSnapshot.message));
    bar.appendChild(button("撤销", function () {
      model = undoSnapshot.model;
      undoSnapshot = null;
      render();
    }, {"data-undo": ""}));
  }

  // Focus the box at path, or the first box inside the entry at path (a new entry, a problem clicked).
  function focusOn(path, scroll) {
    var key = keyOf(path);
    var target = root.querySelector('.plan-editor-form [data-path="' + key + '"]');
    if (!target) {
      var entry = root.querySelector('.plan-editor-form [data-entry="' + key + '"]');
      while (!entry && path.length) {
        path = path.slice(0, -1);
        key = keyOf(path);
        target = root.querySelector('.plan-editor-form [data-path="' + key + '"]');
        if (target) { break; }
        entry = root.querySelector('.plan-editor-form [data-entry="' + key + '"]');
      }
      target = target || (entry && entry.querySelector("input, textarea, select"));
    }
    if (!target) { return; }
    target.focus({preventScroll: true});
    target.scrollIntoView({block: scroll ? "center" : "nearest"});
  }

  function refresh() {
    var built = planData(model);
    var errors = built.errors;
    root.querySelectorAll(".plan-editor-form [data-error]").forEach(function (e) { e.textContent = ""; });
    var list = root.querySelector(".plan-editor-problems");
    list.textContent = "";
    errors.forEach(function (e) {
      var slot = root.querySelector('.plan-editor-form [data-error="' + keyOf(e.path) + '"]');
      if (slot && !slot.textContent) { slot.textContent = e.message; }
      var go = button(placeName(e.path) + "：" + e.message, function () { focusOn(e.path, true); },
        {"class": "plan-editor-problem", "data-problem": keyOf(e.path)});
      list.appendChild(el("li", {}, [go]));
    });
    var file = planFile(built.data);
    var status = root.querySelector(".plan-editor-status");
    var ok = !errors.length && !file.problem;
    if (file.problem) {
      status.textContent = "生成计划文件时出了问题（" + file.problem + "），为了不写出错的文字，这里不显示文件。" +
        "请把填写的内容告诉网站维护人员。";
    } else {
      status.textContent = errors.length ? "还有 " + errors.length + " 处需要修改（点下面的说明可以跳到那个框）" : "检查通过，可以提交";
    }
    status.className = "plan-editor-status " + (ok ? "plan-editor-good" : "plan-editor-bad");
    var bar = root.querySelector(".plan-editor-bar-status");
    bar.textContent = file.problem ? "生成计划文件时出了问题" : errors.length ? "还有 " + errors.length + " 处需要修改" : "检查通过，可以提交";
    bar.className = "plan-editor-bar-status " + (ok ? "plan-editor-good" : "plan-editor-bad");
    root.querySelector("[data-output]").value = file.text;
    root.querySelector("[data-download]").disabled = !file.text;
    root.querySelector("[data-copy]").disabled = !file.text;
    updateLinks(built.data, file.text, ok);
  }

  function fileName(data) { return (data.slug && !slugProblem(data.slug) ? data.slug : "xin-jihua") + ".md"; }

  function updateLinks(data, text, ok) {
    var links = root.querySelector(".plan-editor-links");
    links.textContent = "";
    var repo = site.repository || {};
    if (!repo.new_file || !text) { return; }
    var name = fileName(data);
    if (loadedSlug && data.slug === loadedSlug) {
      links.appendChild(el("a", {href: repo.edit + "/" + name, "class": "md-button", target: "_blank", rel: "noopener",
        "data-edit-file": "", text: "打开原文件的编辑页（把上面的内容整个复制进去）"}));
    } else if (ok) {
      var url = repo.new_file + "?filename=" + encodeURIComponent(name) + "&value=" + encodeURIComponent(text);
      links.appendChild(el("a", {href: url, "class": "md-button md-button--primary", target: "_blank", rel: "noopener",
        "data-new-file": "", text: "在代码托管网站上新建这个文件"}));
      links.appendChild(el("a", {href: repo.upload, "class": "md-button", target: "_blank", rel: "noopener",
        text: "上传下载的文件"}));
    }
  }

  function download() {
    var data = planData(model).data;
    var text = planFile(data).text;
    if (!text) { return; }
    var blob = new Blob([text], {type: "text/markdown;charset=utf-8"});
    var a = el("a", {href: URL.createObjectURL(blob), download: fileName(data)});
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function copyFile() {
    var area = root.querySelector("[data-output]");
    var note = root.querySelector(".plan-editor-copied");
    function copied() { note.textContent = "已复制，可以粘贴到代码托管网站的编辑框里。"; }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(area.value).then(copied, function () { selectAndCopy(area, copied, note); });
    } else {
      selectAndCopy(area, copied, note);
    }
  }

  function selectAndCopy(area, copied, note) {
    area.focus();
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    if (done) { copied(); } else { note.textContent = "没能自动复制：内容已选中，请按 Ctrl+C（手机上长按选择“复制”）。"; }
  }

  function newPlan() {
    model = newModel();
    loadedSlug = "";
    undoSnapshot = null;
    setNotes([]);
    render();
  }

  function setNotes(notes) {
    var box = root.querySelector(".plan-editor-notes");
    box.textContent = "";
    notes.forEach(function (n) { box.appendChild(el("p", {text: n})); });
  }

  /* Load a plan into the boxes. What the boxes give back is compared with what was loaded; anything they cannot
   * hold (an old kind of plan, a text after the front matter) is named, so nobody publishes a plan that lost it. */
  function loadPlan(data, slug, body) {
    model = modelOf(data);
    loadedSlug = slug || "";
    undoSnapshot = null;
    render();
    var notes = [];
    var lost = differences(data, planData(model).data, [], []);
    if (lost.length) {
      notes.push("注意：这份计划中有表格不能保留的内容，生成的文件里会缺少或改变它们：" + lost.map(placeName).join("；") +
        "。请对照原文件检查。");
    }
    if (body && body.trim()) {
      notes.push("注意：这份计划在第二行 --- 之后还有文字。现在计划的全部内容都写在章节里，这些文字不会保留，请把它们按原文顺序填进章节。");
    }
    setNotes(notes);
  }

  function loadPasted() {
    var text = root.querySelector("[data-paste]").value.replace(/^\uFEFF/, "");
    var match = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
    var message = root.querySelector(".plan-editor-paste-error");
    message.textContent = "";
    if (!match) {
      message.textContent = "没有找到计划的内容：计划文件要以单独一行 --- 开始，内容写完后再单独写一行 ---。请把文件的全部内容粘贴进来。";
      return;
    }
    var data;
    try { data = jsyaml.load(match[1] || "", {schema: PASTE_SCHEMA}); } catch (e) {
      var line = e.mark && typeof e.mark.line === "number" ? e.mark.line + 2 : 0;
      message.textContent = "粘贴的内容" + (line ? "第 " + line + " 行" : "") + "格式有误，读不出来：请检查这一行和上一行的缩进、冒号和引号。";
      return;
    }
    if (!isObject(data)) { message.textContent = "粘贴的内容不是计划文件：计划文件的每一项都写成“名称: 内容”的样子。"; return; }
    var same = site.plans.filter(function (p) { return p.slug === data.slug; })[0];
    loadPlan(data, same ? same.slug : "", text.slice(match[0].length));
  }

  /* A published plan, fetched when it is loaded (editor/plans/<slug>.json, beside data.json). */
  function loadSitePlan(slug, fallback) {
    var url = root.getAttribute("data-source").replace(/data\.json$/, "plans/" + encodeURIComponent(slug) + ".json");
    var message = root.querySelector(".plan-editor-paste-error");
    message.textContent = "";
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.json();
    }).then(function (plan) { loadPlan(plan.data, slug, ""); }).catch(function () {
      if (fallback) { fallback(); }
      message.textContent = "没能载入这份计划，请刷新页面重试。";
    });
  }

  function frame() {
    var select = el("select", {"data-site-plan": ""});
    select.appendChild(el("option", {value: "", text: "（选择网站上的计划）"}));
    site.plans.forEach(function (p) { select.appendChild(el("option", {value: p.slug, text: p.title})); });
    root.textContent = "";
    root.appendChild(el("details", {"class": "plan-editor-load"}, [
      el("summary", {text: "载入计划（修改已有的计划）"}),
      el("label", {"class": "plan-editor-field"}, [labelText("网站上的计划"), select]),
      button("载入所选计划", function () { if (select.value) { loadSitePlan(select.value); } }, {"data-load-site": ""}),
      el("label", {"class": "plan-editor-field"}, [labelText("或者把计划文件的全部内容粘贴在这里"),
        el("textarea", {"data-paste": "", rows: "4"})]),
      button("载入粘贴的内容", loadPasted, {"data-load-paste": ""}),
      el("p", {"class": "plan-editor-error plan-editor-paste-error", role: "alert"}),
      button("清空，写新计划", newPlan, {"data-new": ""})
    ]));
    root.appendChild(el("div", {"class": "plan-editor-notes", role: "alert"}));
    root.appendChild(el("div", {"class": "plan-editor-columns"}, [
      el("div", {"class": "plan-editor-form"}),
      el("div", {"class": "plan-editor-result", id: "plan-editor-result"}, [
        el("p", {"class": "plan-editor-status", role: "status"}),
        el("ul", {"class": "plan-editor-problems"}),
        el("label", {"class": "plan-editor-field"}, [labelText("生成的计划文件"),
          el("textarea", {"data-output": "", rows: "16", readonly: ""})]),
        button("下载计划文件", download, {"data-download": "", "class": "md-button md-button--primary"}),
        button("复制计划文件", copyFile, {"data-copy": ""}),
        el("p", {"class": "plan-editor-help plan-editor-copied", role: "status"}),
        el("div", {"class": "plan-editor-links"})
      ])
    ]));
    // Where the result is below the form: its state stays in sight at the bottom of the window.
    root.appendChild(el("div", {"class": "plan-editor-bar", "aria-hidden": "true"}, [
      el("span", {"class": "plan-editor-bar-status"}),
      el("a", {href: "#plan-editor-result", tabindex: "-1", text: "查看问题和生成的文件"})]));
  }

  fetch(root.getAttribute("data-source")).then(function (r) {
    if (!r.ok) { throw new Error(String(r.status)); }
    return r.json();
  }).then(function (data) {
    site = data;
    limits = schemaLimits(site.schema);
    frame();
    var wanted = new URLSearchParams(location.search).get("plan");
    if (site.plans.some(function (p) { return p.slug === wanted; })) { loadSitePlan(wanted, newPlan); } else { newPlan(); }
  }).catch(function () {
    root.textContent = "表单编辑器载入失败，请刷新页面重试。";
  });
})();

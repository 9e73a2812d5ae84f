/* The form editor: builds a form for a plan's front matter from the published schema (editor/data.json,
 * written at build time from pairing/schema.yml), checks it as the person types, and shows the plan file.
 * No framework, no third-party request; js-yaml (vendored, MIT) only reads pasted plans. */
(function () {
  "use strict";

  var root = document.getElementById("plan-editor");
  var site = null;        // editor/data.json
  var doc = {};           // the front matter being edited
  var body = "";          // the page body
  var bodyEdited = false; // once the person edits the body, it is no longer regenerated
  var loadedSlug = "";    // the slug of the site plan loaded for editing, if any
  var ID_FIELDS = {kindergarten: true, author: true};  // strings that name a kindergarten by id
  var TYPE_NAMES = {string: "文字", integer: "整数", number: "数字", boolean: "是/否", array: "列表", object: "字段组"};

  // Helpers: schema and data paths
  function resolve(spec) {
    if (spec && spec.$ref) {
      var target = resolve(site.schema.$defs[spec.$ref.split("/").pop()]);
      var merged = Object.assign({}, target);
      Object.keys(spec).forEach(function (k) { if (k !== "$ref") { merged[k] = spec[k]; } });
      return merged;
    }
    return spec || {};
  }

  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function pathKey(path) { return path.join("."); }
  function fieldName(path) {
    return path.reduce(function (out, p) {
      return typeof p === "number" ? out + "[" + p + "]" : (out ? out + "." + p : p);
    }, "");
  }

  function getAt(path) {
    return path.reduce(function (v, p) { return v === undefined || v === null ? undefined : v[p]; }, doc);
  }

  function setAt(path, value) {
    var parent = getAt(path.slice(0, -1));
    var last = path[path.length - 1];
    if (value === undefined && !Array.isArray(parent)) { delete parent[last]; } else { parent[last] = value; }
  }

  function emptyValue(spec) {
    spec = resolve(spec);
    if (spec.anyOf) { return ""; }
    if (spec.type === "object") {
      var out = {};
      (spec.required || []).forEach(function (k) { out[k] = emptyValue(spec.properties[k]); });
      return out;
    }
    if (spec.type === "array") { return spec.minItems ? [emptyValue(spec.items)] : []; }
    if (spec.enum) { return spec.enum[0]; }
    return spec.type === "string" ? "" : undefined;
  }

  // What the file holds: empty optional fields are left out.
  function pruned(value, spec) {
    spec = resolve(spec);
    if (Array.isArray(value)) {
      return value.map(function (item) { var p = pruned(item, spec.items); return p === undefined ? "" : p; });
    }
    if (isObject(value)) {
      var props = spec.properties || (spec.anyOf ? resolve(spec.anyOf[1]).properties : {}) || {};
      var out = {};
      Object.keys(value).forEach(function (k) {
        var p = pruned(value[k], props[k] || {});
        var required = (spec.required || []).indexOf(k) >= 0;
        var empty = p === undefined || p === "" || (Array.isArray(p) && !p.length) || (isObject(p) && !Object.keys(p).length);
        if (!empty || (required && p !== undefined)) { out[k] = p; }
      });
      return out;
    }
    return value === "" ? "" : value;
  }

  // Checks, with the messages validate gives (pairing/schema.py), as the person types.
  function check(spec, value, path, errors) {
    spec = resolve(spec);
    function fail(message) { errors.push({path: path, message: message}); }
    if (spec.anyOf) {
      var branch = spec.anyOf.map(resolve).filter(function (b) {
        return (b.type === "object") === isObject(value);
      })[0];
      if (!branch) { return fail(spec["x-error"]); }
      return check(branch, value, path, errors);
    }
    if (spec.type && !hasType(value, spec.type)) {
      if (value === "" || value === undefined) { return fail("不能为空"); }
      return fail((spec.type !== "string" && spec["x-error"]) || "应为" + TYPE_NAMES[spec.type]);
    }
    if (spec.enum && spec.enum.indexOf(value) < 0) { return fail("请选择" + (spec.title || "一项")); }
    if (spec.minLength && typeof value === "string" && value.trim().length < spec.minLength) { return fail("不能为空"); }
    if (spec.pattern && !new RegExp(spec.pattern).test(value)) { return fail(spec["x-error"]); }
    if ((spec.minimum !== undefined && value < spec.minimum) || (spec.maximum !== undefined && value > spec.maximum)) {
      return fail(spec["x-error"] || "应在 " + spec.minimum + " 到 " + spec.maximum + " 之间");
    }
    if (Array.isArray(value)) {
      if (spec.minItems && value.length < spec.minItems) { fail("不能为空，至少要写一项"); }
      if (spec.uniqueItems && new Set(value.map(JSON.stringify)).size !== value.length) { fail("有重复的项"); }
      value.forEach(function (item, i) { check(spec.items, item, path.concat(i), errors); });
    }
    if (isObject(value)) {
      var props = spec.properties || {};
      if (spec.minProperties && Object.keys(value).length < spec.minProperties) { fail("不能为空，至少要写一项"); }
      (spec.required || []).forEach(function (k) {
        if (!(k in value)) { errors.push({path: path.concat(k), message: "请填写" + (resolve(props[k]).title || k)}); }
      });
      Object.keys(value).forEach(function (k) {
        if (props[k]) { check(props[k], value[k], path.concat(k), errors); }
        else if (spec.additionalProperties === false) { errors.push({path: path.concat(k), message: "未知字段 " + k}); }
      });
    }
  }

  function hasType(value, type) {
    if (type === "integer") { return Number.isInteger(value); }
    if (type === "array") { return Array.isArray(value); }
    if (type === "object") { return isObject(value); }
    return typeof value === type;
  }

  // Checks that need the other files: the build's cross_check and the body's macro calls.
  function crossCheck(data, errors) {
    var ids = site.kindergartens.map(function (k) { return k.id; });
    var parties = Array.isArray(data.parties) ? data.parties : [];
    parties.forEach(function (p, i) {
      if (p && p.kindergarten && ids.indexOf(p.kindergarten) < 0) {
        errors.push({path: ["parties", i, "kindergarten"], message: "未知的幼儿园编号 \"" + p.kindergarten + "\""});
      }
    });
    if (data.author && !parties.some(function (p) { return p && p.kindergarten === data.author; })) {
      errors.push({path: ["author"], message: "撰写单位必须是参与幼儿园之一"});
    }
    var taken = site.plans.some(function (p) { return p.slug === data.slug && p.slug !== loadedSlug; });
    if (taken) { errors.push({path: ["slug"], message: "网址名与网站上已有的计划重复，请换一个"}); }
    site.body_fields.forEach(function (f) {
      var shown = body.indexOf(f.call) >= 0;
      if ((f.field in data) && !shown) {
        errors.push({path: ["body"], message: "正文中没有显示“" + f.title + "”，请在相应位置加入 " + f.call});
      } else if (!(f.field in data) && shown) {
        errors.push({path: ["body"], message: "正文调用了 " + f.call + "，但没有填写“" + f.title + "”"});
      }
    });
  }

  // The plan file: YAML front matter (quoted wherever YAML 1.1 could misread) and the body.
  var YAML11_WORDS = /^(y|n|yes|no|true|false|on|off|null|~)$/i;

  function scalar(value, inFlow) {
    if (typeof value !== "string") { return String(value); }
    var plain = value !== "" && value === value.trim() && !YAML11_WORDS.test(value) &&
      !/^[-?:,\[\]{}#&*!|>'"%@`0-9+.~=<\\/]/.test(value) && !/[\n\t]|: |:$| #/.test(value) &&
      !(inFlow && /[,\[\]{}]/.test(value));
    return plain ? value : JSON.stringify(value);
  }

  function emitMapping(obj, indent) {
    var pad = " ".repeat(indent);
    var lines = [];
    Object.keys(obj).forEach(function (k) {
      var v = obj[k];
      if (Array.isArray(v)) {
        var flow = "[" + v.map(function (x) { return scalar(x, true); }).join(", ") + "]";
        if (!v.some(function (x) { return typeof x === "object"; }) && flow.length <= 60) {
          lines.push(pad + k + ": " + flow);
        } else {
          lines.push(pad + k + ":");
          lines = lines.concat(emitSequence(v, indent + 2));
        }
      } else if (isObject(v)) {
        lines.push(pad + k + ":");
        lines = lines.concat(emitMapping(v, indent + 2));
      } else {
        lines.push(pad + k + ": " + scalar(v, false));
      }
    });
    return lines;
  }

  function emitSequence(list, indent) {
    var pad = " ".repeat(indent);
    var lines = [];
    list.forEach(function (item) {
      if (isObject(item) && Object.keys(item).length) {
        var inner = emitMapping(item, indent + 2);
        inner[0] = pad + "- " + inner[0].slice(indent + 2);
        lines = lines.concat(inner);
      } else {
        lines.push(pad + "- " + scalar(item, false));
      }
    });
    return lines;
  }

  function generatedBody(data) {
    var parts = [site.intro];
    var number = 0;
    site.body_fields.forEach(function (f) {
      if (!(f.field in data)) { return; }
      if (f.heading) { parts.push("## " + site.numerals[number++] + "、" + f.title); }
      parts.push(f.call);
    });
    return parts.join("\n\n") + "\n";
  }

  function planText(data) {
    return "---\n" + emitMapping(data, 0).join("\n") + "\n---\n\n" + body;
  }

  // The form, built from the schema.
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  function button(label, action, attrs) {
    var b = el("button", Object.assign({type: "button", text: label, "class": "md-button"}, attrs || {}));
    b.addEventListener("click", action);
    return b;
  }

  function field(spec, path, label, required) {
    spec = resolve(spec);
    var key = pathKey(path);
    var value = getAt(path);
    var title = el("span", {"class": "plan-editor-label", text: (label || spec.title || "") + (required ? " *" : "")});
    var error = el("span", {"class": "plan-editor-error", "data-error": key, role: "alert"});
    var help = spec.description ? el("span", {"class": "plan-editor-help", text: spec.description}) : null;
    if (spec.anyOf) { return itemField(spec, path, title, error); }
    if (spec.type === "object") { return objectField(spec, path, title, help, error); }
    if (spec.type === "array") { return arrayField(spec, path, title, help, error); }
    var control = scalarControl(spec, path, value);
    control.setAttribute("data-path", key);
    return el("label", {"class": "plan-editor-field"}, [title, help, control, error]);
  }

  function scalarControl(spec, path, value) {
    var last = path[path.length - 1];
    var control;
    if (spec.enum || ID_FIELDS[last]) {
      control = el("select");
      var options = spec.enum ? spec.enum.map(function (v) {
        return {value: v, text: spec["x-labels"] && spec["x-labels"][v] ? v + "（" + spec["x-labels"][v] + "）" : v};
      }) : site.kindergartens.map(function (k) { return {value: k.id, text: k.name + "（" + k.id + "）"}; });
      control.appendChild(el("option", {value: "", text: "（请选择）"}));
      options.forEach(function (o) { control.appendChild(el("option", {value: o.value, text: o.text})); });
      control.value = value === undefined ? "" : value;
      control.addEventListener("change", function () { setAt(path, control.value); refresh(); });
    } else if (spec.type === "boolean") {
      control = el("input", {type: "checkbox"});
      control.checked = value === true;
      control.addEventListener("change", function () { setAt(path, control.checked ? true : undefined); refresh(); });
    } else if (spec.type === "integer") {
      control = el("input", {type: "number", inputmode: "numeric"});
      if (spec.minimum !== undefined) { control.min = spec.minimum; control.max = spec.maximum; }
      control.value = value === undefined ? "" : value;
      control.addEventListener("input", function () {
        var text = control.value.trim();
        setAt(path, text === "" ? undefined : (/^-?\d+$/.test(text) ? Number(text) : text));
        refresh();
      });
    } else {
      control = el("textarea", {rows: "1"});
      control.value = value === undefined ? "" : value;
      control.addEventListener("input", function () { setAt(path, control.value); grow(control); refresh(); });
      setTimeout(function () { grow(control); }, 0);
    }
    return control;
  }

  function grow(area) { area.style.height = "auto"; area.style.height = area.scrollHeight + 2 + "px"; }

  function objectField(spec, path, title, help, error) {
    var box = el("fieldset", {"class": "plan-editor-group", "data-path": pathKey(path)}, [el("legend", {}, [title]), help, error]);
    var value = getAt(path);
    Object.keys(spec.properties).forEach(function (k) {
      var sub = resolve(spec.properties[k]);
      var required = (spec.required || []).indexOf(k) >= 0;
      var complex = sub.type === "object" || sub.type === "array";
      if (complex && !required && !(k in value)) {
        box.appendChild(button("添加“" + (sub.title || k) + "”", function () {
          value[k] = emptyValue(sub);
          render();
        }, {"data-add": pathKey(path.concat(k))}));
        return;
      }
      box.appendChild(field(spec.properties[k], path.concat(k), sub.title || k, required));
      if (complex && !required) {
        box.appendChild(button("删除“" + (sub.title || k) + "”", function () { delete value[k]; render(); },
          {"data-remove": pathKey(path.concat(k)), "class": "md-button plan-editor-remove"}));
      }
    });
    return box;
  }

  function arrayField(spec, path, title, help, error) {
    var list = getAt(path);
    var items = resolve(spec.items);
    var box = el("fieldset", {"class": "plan-editor-group plan-editor-list", "data-path": pathKey(path)},
      [el("legend", {}, [title]), help, error]);
    list.forEach(function (item, i) {
      var row = el("div", {"class": "plan-editor-item"});
      row.appendChild(field(spec.items, path.concat(i), (items.title || "第") + " " + (i + 1), false));
      row.appendChild(button("删除", function () { list.splice(i, 1); render(); },
        {"data-remove": pathKey(path.concat(i)), "class": "md-button plan-editor-remove"}));
      if (i > 0) {
        row.appendChild(button("上移", function () { list.splice(i - 1, 0, list.splice(i, 1)[0]); render(); }));
      }
      box.appendChild(row);
    });
    box.appendChild(button("添加一项", function () { list.push(emptyValue(items)); render(); },
      {"data-add": pathKey(path)}));
    return box;
  }

  function itemField(spec, path, title, error) {
    var value = getAt(path);
    var kind = el("select", {"data-kind": pathKey(path)});
    kind.appendChild(el("option", {value: "text", text: "一段文字"}));
    kind.appendChild(el("option", {value: "object", text: "带小标题、正文或下级条目"}));
    kind.value = isObject(value) ? "object" : "text";
    kind.addEventListener("change", function () {
      setAt(path, kind.value === "object" ? {heading: typeof value === "string" ? value : ""} : "");
      render();
    });
    var branch = isObject(value) ? resolve(spec.anyOf[1]) : resolve(spec.anyOf[0]);
    var inner = isObject(value) ? objectField(branch, path, el("span", {text: ""}), null, el("span"))
      : scalarControl(branch, path, value);
    if (!isObject(value)) { inner.setAttribute("data-path", pathKey(path)); }
    return el("div", {"class": "plan-editor-field"}, [title, kind, inner, error]);
  }

  // Page parts: loading, the form, the output.
  function render() {
    var form = root.querySelector(".plan-editor-form");
    form.textContent = "";
    form.appendChild(field(site.schema, [], "计划内容", false));
    refresh();
  }

  function refresh() {
    var data = pruned(doc, site.schema);
    if (!bodyEdited) { body = generatedBody(data); root.querySelector("[data-body]").value = body; }
    var errors = [];
    check(site.schema, data, [], errors);
    crossCheck(data, errors);
    root.querySelectorAll("[data-error]").forEach(function (e) { e.textContent = ""; });
    var list = root.querySelector(".plan-editor-problems");
    list.textContent = "";
    errors.forEach(function (e) {
      var where = fieldName(e.path);
      var slot = root.querySelector('[data-error="' + pathKey(e.path) + '"]');
      if (slot) { slot.textContent = e.message; }
      list.appendChild(el("li", {text: (where === "body" ? "正文" : where) + "：" + e.message}));
    });
    var text = planText(data);
    var status = root.querySelector(".plan-editor-status");
    status.textContent = errors.length ? "还有 " + errors.length + " 处需要修改" : "检查通过，可以提交";
    status.className = "plan-editor-status " + (errors.length ? "plan-editor-bad" : "plan-editor-good");
    root.querySelector("[data-output]").value = text;
    updateLinks(data, text, errors.length === 0);
  }

  function updateLinks(data, text, ok) {
    var links = root.querySelector(".plan-editor-links");
    links.textContent = "";
    var repo = site.repository;
    if (!repo.new_file) { return; }
    var name = (data.slug || "new-plan") + ".md";
    if (loadedSlug && data.slug === loadedSlug) {
      links.appendChild(el("a", {href: repo.edit + "/" + name, "class": "md-button", target: "_blank", rel: "noopener",
        text: "打开原文件的编辑页（把上面的内容复制进去）"}));
    } else if (ok) {
      var url = repo.new_file + "?filename=" + encodeURIComponent(name) + "&value=" + encodeURIComponent(text);
      links.appendChild(el("a", {href: url, "class": "md-button md-button--primary", target: "_blank", rel: "noopener",
        "data-new-file": "", text: "在代码托管网站上新建这个文件"}));
      links.appendChild(el("a", {href: repo.upload, "class": "md-button", target: "_blank", rel: "noopener",
        text: "上传下载的文件"}));
    }
  }

  function download() {
    var data = pruned(doc, site.schema);
    var blob = new Blob([planText(data)], {type: "text/markdown;charset=utf-8"});
    var a = el("a", {href: URL.createObjectURL(blob), download: (data.slug || "new-plan") + ".md"});
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function newPlan() {
    doc = emptyValue(site.schema);
    doc.parties = [{kindergarten: "", role: "helping"}, {kindergarten: "", role: "helped"}];
    loadedSlug = "";
    bodyEdited = false;
    render();
  }

  function loadPlan(data, text, slug) {
    doc = JSON.parse(JSON.stringify(data));
    body = text;
    bodyEdited = true;
    loadedSlug = slug || "";
    root.querySelector("[data-body]").value = body;
    render();
  }

  function loadPasted() {
    var text = root.querySelector("[data-paste]").value.replace(/^\uFEFF/, "");
    var match = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
    var message = root.querySelector(".plan-editor-paste-error");
    message.textContent = "";
    if (!match) { message.textContent = "没有找到 front matter：计划文件要以一行 --- 开始，字段写完后再写一行 ---"; return; }
    var data;
    try { data = jsyaml.load(match[1] || ""); } catch (e) {
      message.textContent = "YAML 格式错误（第 " + ((e.mark && e.mark.line) + 2) + " 行）：请先改正，或用 python -m pairing validate 查看详细说明";
      return;
    }
    if (!isObject(data)) { message.textContent = "front matter 必须是“字段: 值”的形式"; return; }
    var same = site.plans.filter(function (p) { return p.slug === data.slug; })[0];
    loadPlan(data, text.slice(match[0].length).replace(/^\r?\n/, ""), same ? same.slug : "");
  }

  function frame() {
    var select = el("select", {"data-site-plan": ""});
    select.appendChild(el("option", {value: "", text: "（选择网站上的计划）"}));
    site.plans.forEach(function (p) { select.appendChild(el("option", {value: p.slug, text: p.title})); });
    var bodyArea = el("textarea", {"data-body": "", rows: "10"});
    bodyArea.addEventListener("input", function () { body = bodyArea.value; bodyEdited = true; refresh(); });
    root.textContent = "";
    root.appendChild(el("details", {"class": "plan-editor-load"}, [
      el("summary", {text: "载入计划（修改已有的计划）"}),
      el("label", {"class": "plan-editor-field"}, [el("span", {"class": "plan-editor-label", text: "网站上的计划"}), select]),
      button("载入所选计划", function () { if (select.value) { loadSitePlan(select.value); } }, {"data-load-site": ""}),
      el("label", {"class": "plan-editor-field"}, [
        el("span", {"class": "plan-editor-label", text: "或粘贴计划文件的全部内容"}), el("textarea", {"data-paste": "", rows: "4"})]),
      button("载入粘贴的内容", loadPasted, {"data-load-paste": ""}),
      el("p", {"class": "plan-editor-error plan-editor-paste-error", role: "alert"}),
      button("清空，写新计划", newPlan, {"data-new": ""})
    ]));
    root.appendChild(el("div", {"class": "plan-editor-columns"}, [
      el("div", {"class": "plan-editor-form"}),
      el("div", {"class": "plan-editor-result"}, [
        el("p", {"class": "plan-editor-status", role: "status"}),
        el("ul", {"class": "plan-editor-problems"}),
        el("label", {"class": "plan-editor-field"}, [
          el("span", {"class": "plan-editor-label", text: "正文（Markdown；双花括号只用来显示上面填写的内容）"}), bodyArea,
          el("span", {"class": "plan-editor-error", "data-error": "body"})]),
        button("按填写的字段重新生成正文", function () { bodyEdited = false; refresh(); }, {"data-regenerate": ""}),
        el("label", {"class": "plan-editor-field"}, [
          el("span", {"class": "plan-editor-label", text: "生成的计划文件"}),
          el("textarea", {"data-output": "", rows: "16", readonly: ""})]),
        button("下载计划文件", download, {"data-download": "", "class": "md-button md-button--primary"}),
        el("div", {"class": "plan-editor-links"})
      ])
    ]));
  }

  /* A published plan, fetched when it is loaded (editor/plans/<slug>.json, beside data.json). */
  function loadSitePlan(slug, fallback) {
    var url = root.getAttribute("data-source").replace(/data\.json$/, "plans/" + encodeURIComponent(slug) + ".json");
    var message = root.querySelector(".plan-editor-paste-error");
    message.textContent = "";
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    }).then(function (plan) { loadPlan(plan.data, plan.body, slug); }).catch(function () {
      if (fallback) { fallback(); }
      message.textContent = "没能载入这份计划，请刷新页面重试。";
    });
  }

  fetch(root.getAttribute("data-source")).then(function (r) { return r.json(); }).then(function (data) {
    site = data;
    frame();
    var wanted = new URLSearchParams(location.search).get("plan");
    if (site.plans.some(function (p) { return p.slug === wanted; })) { loadSitePlan(wanted, newPlan); } else { newPlan(); }
  }).catch(function () {
    root.textContent = "表单编辑器载入失败，请刷新页面重试。";
  });
})();

// form-js writes its own texts in English only ("Field is required.", "Search", ...): its validator
// is a service of the form (form.get('validator')) whose messages we translate, and the few words
// it renders (placeholders, empty lists) are translated as they appear. The language is the page's
// choice (?lang=en or ?lang=zh-CN), else the browser's; Simplified Chinese by default.
window.FormJsTexts = (function () {
  const zh = {
    'Field is required.': '此项为必填项。',
    'Field must be a valid email.': '请输入有效的电子邮件地址。',
    'Value is not a number.': '请输入数字。',
    'Search': '搜索',
    'Select': '请选择',
    'No results': '无匹配结果',
    'All values selected': '已全部选择',
  };
  const zhPatterns = [
    [/^Field must match pattern (.*)\.$/, (m) => '格式不符合要求（' + m[1] + '）。'],
    [/^Field must have minimum length of (\d+)\.$/, (m) => '至少需要 ' + m[1] + ' 个字符。'],
    [/^Field must have maximum length of (\d+)\.$/, (m) => '最多允许 ' + m[1] + ' 个字符。'],
    [/^Field must have minimum value of (.*)\.$/, (m) => '不能小于 ' + m[1] + '。'],
    [/^Field must have maximum value of (.*)\.$/, (m) => '不能大于 ' + m[1] + '。'],
  ];

  function language() {
    const chosen = new URLSearchParams(location.search).get('lang');
    const wanted = chosen || (navigator.languages && navigator.languages[0]) || navigator.language || 'zh-CN';
    return /^en\b/i.test(wanted) ? 'en' : 'zh-CN';
  }

  function translate(text) {
    if (language() === 'en' || typeof text !== 'string') {
      return text;
    }
    if (zh[text]) {
      return zh[text];
    }
    for (const [pattern, render] of zhPatterns) {
      const match = pattern.exec(text);
      if (match) {
        return render(match);
      }
    }
    return text;
  }

  function translateNode(node) {
    if (node.nodeType === Node.TEXT_NODE) {
      const translated = translate(node.nodeValue);
      if (translated !== node.nodeValue) {
        node.nodeValue = translated;
      }
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) {
      return;
    }
    for (const element of [node, ...node.querySelectorAll('[placeholder]')]) {
      const placeholder = element.getAttribute && element.getAttribute('placeholder');
      if (placeholder && translate(placeholder) !== placeholder) {
        element.setAttribute('placeholder', translate(placeholder));
      }
    }
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      translateNode(text);
    }
  }

  /** Translates the validator's messages and the texts form-js renders into the container. */
  function apply(form, container) {
    document.documentElement.lang = language();
    const validator = form.get('validator');
    for (const method of ['validateField', 'validateFieldInstance']) {
      const validate = validator[method].bind(validator);
      validator[method] = (...args) => validate(...args).map(translate);
    }
    translateNode(container);
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        if (mutation.type === 'characterData') {
          translateNode(mutation.target);
        } else if (mutation.type === 'attributes') {
          translateNode(mutation.target);
        } else {
          mutation.addedNodes.forEach(translateNode);
        }
      }
    }).observe(container, { subtree: true, childList: true, characterData: true, attributes: true,
      attributeFilter: ['placeholder'] });
  }

  return { apply, language, translate };
})();

from django.views import View
from django.shortcuts import render
from django.http import HttpResponseRedirect, HttpResponsePermanentRedirect


class ContextMixin:
    extra_context = None

    def get_context_data(self, **kwargs):
        kwargs.setdefault('view', self)
        if self.extra_context is not None:
            kwargs.update(self.extra_context)
        return kwargs


class TemplateView(ContextMixin, View):
    template_name = None

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        return render(request, self.template_name, context)


class RedirectView(View):
    url = None
    pattern_name = None
    permanent = False

    def get(self, request, *args, **kwargs):
        url = self.url
        if url is None and self.pattern_name:
            from django.urls import reverse
            url = reverse(self.pattern_name, args=args, kwargs=kwargs)
        cls = HttpResponsePermanentRedirect if self.permanent else HttpResponseRedirect
        return cls(url % kwargs if kwargs else url)


class ListView(ContextMixin, View):
    model = None
    queryset = None
    template_name = None
    context_object_name = None

    def get_queryset(self):
        if self.queryset is not None:
            return self.queryset
        return self.model.objects.all()

    def get(self, request, *args, **kwargs):
        items = list(self.get_queryset())
        name = self.context_object_name or (self.model.__name__.lower() + '_list' if self.model else 'object_list')
        context = self.get_context_data(object_list=items, **{name: items})
        template = self.template_name or '%s/%s_list.html' % (self.model._meta.app_label, self.model.__name__.lower())
        return render(request, template, context)


class DetailView(ContextMixin, View):
    model = None
    template_name = None
    context_object_name = None

    def get(self, request, *args, **kwargs):
        obj = self.model.objects.get(pk=kwargs.get('pk'))
        name = self.context_object_name or self.model.__name__.lower()
        context = self.get_context_data(object=obj, **{name: obj})
        template = self.template_name or '%s/%s_detail.html' % (self.model._meta.app_label, self.model.__name__.lower())
        return render(request, template, context)
